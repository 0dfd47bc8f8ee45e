package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SDP offer the mapper makes from a client's session-initiate is given to real headless Chromium
 * (test-harness/js/check-sdp.mjs: setRemoteDescription, then createAnswer and setLocalDescription). No network
 * traffic: Chromium gathers no candidates and mDNS candidates are never handed to it.
 */
final class ChromiumAcceptsOurSdpIT {
    private static final Path FIXTURES = Path.of("../jingle-mapper/src/test/resources/fixtures");
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    /** Offers a browser must refuse, and the words it refuses them with. */
    private static final Map<String, String> EXPECTED_REJECTIONS = Map.of(
            // Gajim (Farstream) offers plain RTP: no DTLS, which WebRTC requires; calls end with security-error
            "gajim-session-initiate-audio.sdp", "without DTLS fingerprint",
            "gajim-session-initiate-video.sdp", "without DTLS fingerprint",
            // Jicofo's bridge offer carries several streams per m-line (Plan B style); lib-jitsi-meet rewrites it
            "jitsi-session-initiate-jicofo.sdp", "Failed to add remote stream ssrc");

    @TempDir
    Path offers;

    @Test
    void everyClientSessionInitiate_becomesAnOfferChromiumAcceptsAndAnswers() throws Exception {
        List<Path> initiates;
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            initiates = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int written = 0;
        for (Path file : initiates) {
            String xml = Files.readString(file);
            if (!xml.contains("<jingle") || !(xml.contains("\"session-initiate\"")
                    || xml.contains("'session-initiate'"))) {
                continue;
            }
            Jingle jingle = JingleReader.read(xml);
            assertThat(jingle.action()).isEqualTo(JingleAction.SESSION_INITIATE);
            String name = file.getParent().getFileName() + "-" + file.getFileName().toString()
                    .replace(".xml", ".sdp");
            Files.writeString(offers.resolve(name), SdpWriter.write(JingleToSdp.translate(jingle, Role.INITIATOR)
                    .value()));
            written++;
        }
        assertThat(written).isGreaterThanOrEqualTo(15);

        Map<String, JsonNode> results = checkInChromium(offers);
        assertThat(results).hasSize(written).containsKeys(EXPECTED_REJECTIONS.keySet().toArray(String[]::new));
        for (Map.Entry<String, JsonNode> r : results.entrySet()) {
            String expectedRejection = EXPECTED_REJECTIONS.get(r.getKey());
            if (expectedRejection == null) {
                assertThat(r.getValue().get("ok").asBoolean()).as("Chromium accepts %s: %s", r.getKey(), r.getValue())
                        .isTrue();
                assertThat(r.getValue().get("rejectedMids")).as("m-lines Chromium answered with port 0 in %s",
                        r.getKey()).isEmpty();
            } else {
                assertThat(r.getValue().get("ok").asBoolean()).as("Chromium refuses %s", r.getKey()).isFalse();
                assertThat(r.getValue().get("error").asText()).contains(expectedRejection);
            }
        }
    }

    private static Map<String, JsonNode> checkInChromium(Path dir) throws IOException, InterruptedException {
        NodeScript.requireModules("playwright-core");
        NodeScript.Result run = NodeScript.run(TIMEOUT, "check-sdp.mjs", dir.toString());
        // exit 1 means "some offer was refused", which the expected rejections are
        assertThat(run.exit()).as("check-sdp.mjs exit status: %s", run.describe()).isIn(0, 1);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (JsonNode node : run.json()) {
            results.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
        }
        return results;
    }
}
