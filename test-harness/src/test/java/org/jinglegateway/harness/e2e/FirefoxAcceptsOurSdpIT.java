package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private static final String MOVIM_DATA = "movim-session-initiate-audio-video-data.sdp";

    @TempDir
    Path offers;

    @Test
    void everyClientSessionInitiateAndAccept_becomesSdpFirefoxAcceptsAndAnswers() throws Exception {
        int written = SdpAcceptance.writeOffers(offers);
        assertThat(written).isGreaterThanOrEqualTo(25);
        Map<String, JsonNode> results = new LinkedHashMap<>(SdpAcceptance.check("firefox", offers));
        // Movim's data content (modelled) has no <sctpmap>, so its m-line has no a=sctp-port, and Firefox answers
        // such a data m-line with port 0 (Chromium takes RFC 8841's default, 5000); a known gap: the mapper leaves the
        // port out to keep SDP -> Jingle -> SDP exact, and the gateway sends a browser's data channel to no Movim
        JsonNode movimData = results.remove(MOVIM_DATA);
        assertThat(movimData).as("Firefox's answer to %s", MOVIM_DATA).isNotNull();
        assertThat(movimData.get("ok").asBoolean()).as("%s accepted: %s", MOVIM_DATA, movimData).isTrue();
        assertThat(movimData.get("rejectedMids").toString()).isEqualTo("[\"2\"]");
        SdpAcceptance.assertAccepted("Firefox", results, written - 1, EXPECTED_REJECTIONS);
    }
}
