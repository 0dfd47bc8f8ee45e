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

/**
 * The SDP the mapper makes from every client fixture's session-initiate (as the offer a browser gets) and
 * session-accept (the answer a browser gets; handed over as a remote offer, since a browser only takes an answer to
 * its own offer: the same checks run on the m-lines, ssrc-groups included), checked by a real browser with
 * test-harness/js/check-sdp.mjs. One JSON result per file, keyed by "client-fixture.sdp".
 */
final class SdpAcceptance {
    private static final Path FIXTURES = Path.of("../jingle-mapper/src/test/resources/fixtures");
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    private SdpAcceptance() {
    }

    /** Writes one .sdp per session-initiate and session-accept fixture into {@code dir}; returns how many. */
    static int writeOffers(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int written = 0;
        for (Path file : files) {
            String xml = Files.readString(file);
            boolean initiate = xml.contains("\"session-initiate\"") || xml.contains("'session-initiate'");
            boolean accept = xml.contains("\"session-accept\"") || xml.contains("'session-accept'");
            if (!xml.contains("<jingle") || !(initiate || accept)) {
                continue;
            }
            Jingle jingle = JingleReader.read(xml);
            assertThat(jingle.action()).isIn(JingleAction.SESSION_INITIATE, JingleAction.SESSION_ACCEPT);
            String name = file.getParent().getFileName() + "-" + file.getFileName().toString()
                    .replace(".xml", ".sdp");
            Files.writeString(dir.resolve(name), SdpWriter.write(JingleToSdp.translate(jingle,
                    initiate ? Role.INITIATOR : Role.RESPONDER).value()));
            written++;
        }
        return written;
    }

    /** Runs check-sdp.mjs in {@code browser} (chromium or firefox) over every .sdp file of {@code dir}. */
    static Map<String, JsonNode> check(String browser, Path dir) throws IOException, InterruptedException {
        NodeScript.requireModules(browser.equals("firefox") ? "puppeteer-core" : "playwright-core");
        NodeScript.Result run = NodeScript.run(TIMEOUT, "check-sdp.mjs", "--browser", browser, dir.toString());
        // exit 1 means "some offer was refused", which the expected rejections are
        assertThat(run.exit()).as("check-sdp.mjs exit status: %s", run.describe()).isIn(0, 1);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (JsonNode node : run.json()) {
            results.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
        }
        return results;
    }

    /** Every file accepted with no m-line refused, but the expected rejections, refused in the browser's words. */
    static void assertAccepted(String browser, Map<String, JsonNode> results, int written,
                               Map<String, String> expectedRejections) {
        assertThat(results).hasSize(written).containsKeys(expectedRejections.keySet().toArray(String[]::new));
        for (Map.Entry<String, JsonNode> r : results.entrySet()) {
            String expectedRejection = expectedRejections.get(r.getKey());
            if (expectedRejection == null) {
                assertThat(r.getValue().get("ok").asBoolean()).as("%s accepts %s: %s", browser, r.getKey(),
                        r.getValue()).isTrue();
                assertThat(r.getValue().get("rejectedMids")).as("m-lines %s answered with port 0 in %s", browser,
                        r.getKey()).isEmpty();
            } else {
                assertThat(r.getValue().get("ok").asBoolean()).as("%s refuses %s", browser, r.getKey()).isFalse();
                assertThat(r.getValue().get("error").asText()).contains(expectedRejection);
            }
        }
    }
}
