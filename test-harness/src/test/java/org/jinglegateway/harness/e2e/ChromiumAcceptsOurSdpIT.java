package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SDP the mapper makes from a client's session-initiate or session-accept is given to real headless Chromium
 * ({@link SdpAcceptance}: setRemoteDescription, then createAnswer and setLocalDescription). No network traffic:
 * Chromium gathers no candidates and mDNS candidates are never handed to it. {@code FirefoxAcceptsOurSdpIT} does
 * the same in Firefox.
 */
final class ChromiumAcceptsOurSdpIT {
    /** Offers a browser must refuse, and the words it refuses them with. */
    private static final Map<String, String> EXPECTED_REJECTIONS = Map.of(
            // Gajim (Farstream) offers plain RTP: no DTLS, which WebRTC requires; calls end with security-error
            "gajim-session-initiate-audio.sdp", "without DTLS fingerprint",
            "gajim-session-initiate-video.sdp", "without DTLS fingerprint",
            "gajim-session-accept-audio.sdp", "without DTLS fingerprint",
            // Jicofo's bridge offer carries several streams per m-line (Plan B style); lib-jitsi-meet rewrites it
            "jitsi-session-initiate-jicofo.sdp", "Failed to add remote stream ssrc");

    @TempDir
    Path offers;

    @Test
    void everyClientSessionInitiateAndAccept_becomesSdpChromiumAcceptsAndAnswers() throws Exception {
        int written = SdpAcceptance.writeOffers(offers);
        assertThat(written).isGreaterThanOrEqualTo(25);
        SdpAcceptance.assertAccepted("Chromium", SdpAcceptance.check("chromium", offers), written,
                EXPECTED_REJECTIONS);
    }
}
