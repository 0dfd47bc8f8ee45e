package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.NodeScript;
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
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Path FIREFOX = Path.of(System.getenv().getOrDefault("FIREFOX_PATH", "/usr/bin/firefox-esr"));

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().build();

    private static GatewayProcess gateway;
    private static String page;

    @BeforeAll
    static void startGateway() throws Exception {
        NodeScript.requireModules("puppeteer-core", "playwright-core");
        NodeScript.requireExecutable(FIREFOX, "Firefox ESR", "FIREFOX_PATH");
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
        NodeScript.Result script = NodeScript.run(TIMEOUT, "firefox-call.mjs", "--page", page, "--domain",
                prosody.componentDomain());
        assertThat(script.json("failure")).as("failure lines: %s", script.describe()).isEmpty();
        assertThat(script.exit()).as("firefox-call.mjs exit status: %s", script.describe()).isZero();
        for (JsonNode setup : script.json("setup")) {
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.out.println("[firefox-call] call setup " + setup.path("ms").asLong() + " ms");
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
        List<JsonNode> results = script.json("result");
        assertThat(results).as("one result line: %s", script.describe()).hasSize(1);
        JsonNode result = results.get(0);
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
