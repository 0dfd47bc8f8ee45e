package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second browser engine: Debian's Firefox ESR calls Chromium through the gateway, both in the softphone page
 * (test-harness/js/firefox-call.mjs: puppeteer-core over WebDriver BiDi for Firefox, playwright-core for Chromium).
 * Firefox's offer goes SDP -> Jingle -> SDP inside the gateway and Chromium must take it, and the other way for the
 * answer; asserted from both pages' own RTCPeerConnection stats. No mDNS candidates (obfuscation off), no ICE
 * servers: nothing leaves the machine.
 */
final class FirefoxCallIT {
    private static final Path FIREFOX = Path.of(System.getenv().getOrDefault("FIREFOX_PATH", "/usr/bin/firefox-esr"));

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().build();

    private static GatewayProcess gateway;
    private static String page;

    @BeforeAll
    static void startGateway() throws Exception {
        if (!Files.isExecutable(FIREFOX) || !Files.isDirectory(Path.of("js/node_modules/puppeteer-core"))) {
            throw new IllegalStateException("Firefox ESR at " + FIREFOX + " or puppeteer-core is missing: run `bash"
                    + " scripts/install-test-deps.sh`");
        }
        gateway = GatewayProcess.on(prosody).auth("none").startReady();
        page = gateway.ready().http().toString();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void firefoxCallsChromiumWithVideo_mediaFlowsBothWaysAndBothSeeTheSameEnding() throws Exception {
        Path out = Files.createTempFile("jg-firefox-call-", ".out");
        Path err = Files.createTempFile("jg-firefox-call-", ".err");
        Process p = new ProcessBuilder("node", "js/firefox-call.mjs", "--page", page, "--domain",
                prosody.componentDomain()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("firefox-call.mjs did not finish in 180 s; stdout " + out + ", stderr " + err);
        }
        assertThat(p.exitValue()).as("firefox-call.mjs exit (2: a browser could not start); stderr %s, stdout:%n%s",
                err, Files.readString(out, StandardCharsets.UTF_8)).isZero();
        JsonNode result = null;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode node = new ObjectMapper().readTree(line);
            if ("result".equals(node.path("type").asText())) {
                result = node;
            } else if ("setup".equals(node.path("type").asText())) {
                // CHECKSTYLE.OFF: RegexpSinglelineJava
                System.out.println("[firefox-call] call setup " + node.path("ms").asLong() + " ms");
                // CHECKSTYLE.ON: RegexpSinglelineJava
            }
        }
        assertThat(result).as("a result line").isNotNull();
        for (String name : new String[] {"alice", "carol"}) {
            JsonNode before = result.path("media").path("before").path(name).path("inbound");
            JsonNode after = result.path("media").path("after").path(name).path("inbound");
            assertThat(after.path("audio").asLong() - before.path("audio").asLong())
                    .as("inbound audio on %s's page (%s -> %s)", name, before, after).isGreaterThanOrEqualTo(1000);
            assertThat(after.path("video").asLong() - before.path("video").asLong())
                    .as("inbound video on %s's page (%s -> %s)", name, before, after).isGreaterThanOrEqualTo(5000);
        }
        assertThat(result.path("hangup").path("alice").asText()).isEqualTo("success")
                .isEqualTo(result.path("hangup").path("carol").asText());
    }
}
