package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SDP the mapper makes from a client's session-initiate or session-accept is given to real headless Firefox
 * ESR ({@link SdpAcceptance}, as {@code ChromiumAcceptsOurSdpIT} does in Chromium). No network traffic: every
 * a=candidate line is removed before Firefox gets the description.
 */
final class FirefoxAcceptsOurSdpIT {
    /**
     * Descriptions Firefox must refuse, and its words: Gajim (Farstream) offers plain RTP without DTLS, which its SDP
     * parser already refuses for a port-9 RTP/AVPF m-line (calls end with security-error). Unlike Chromium, Firefox
     * takes Jicofo's bridge offer with several streams per m-line.
     */
    private static final String NO_DTLS = "Invalid port format (9) specified for transport protocol (RTP/AVPF)";
    private static final Map<String, String> EXPECTED_REJECTIONS = Map.of(
            "gajim-session-initiate-audio.sdp", NO_DTLS,
            "gajim-session-initiate-video.sdp", NO_DTLS,
            "gajim-session-accept-audio.sdp", NO_DTLS);

    @TempDir
    Path offers;

    @Test
    void everyClientSessionInitiateAndAccept_becomesSdpFirefoxAcceptsAndAnswers() throws Exception {
        int written = SdpAcceptance.writeOffers(offers);
        assertThat(written).isGreaterThanOrEqualTo(25);
        SdpAcceptance.assertAccepted("Firefox", SdpAcceptance.check("firefox", offers), written,
                EXPECTED_REJECTIONS);
    }
}
