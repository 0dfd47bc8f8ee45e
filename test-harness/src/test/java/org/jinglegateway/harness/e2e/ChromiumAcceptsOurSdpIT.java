package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
        assertThat(results).hasSize(written);
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
        Path script = Path.of("js/check-sdp.mjs");
        if (!Files.isDirectory(Path.of("js/node_modules"))) {
            throw new IllegalStateException("test-harness/js/node_modules is missing: run `bash"
                    + " scripts/install-test-deps.sh` (it runs npm ci there and installs Chromium)");
        }
        Process p = new ProcessBuilder("node", script.toString(), dir.toString()).redirectErrorStream(false)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("check-sdp.mjs did not finish in 240 s; stderr:\n" + err);
        }
        if (p.exitValue() == 2) {
            throw new IllegalStateException("Chromium could not be started by check-sdp.mjs: " + err + out);
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("{")) {
                JsonNode node = json.readTree(line);
                results.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
            }
        }
        return results;
    }
}
