package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinglegateway.harness.e2e.MediaGrowth.assertGrew;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser SDK alone (docs/sdk.md): the gateway's SDK example page, which imports nothing but
 * /sdk/jingle-gateway.js, calls the gateway's softphone (audio and video), takes a call from a StanzaJS page (a real
 * XMPP client on a real Prosody; audio and video, a direct offer) and calls it back (audio and video), once from
 * Chromium and once from Firefox ESR (test-harness/js/sdk-call.mjs). Each call is asserted from both pages' own
 * RTCPeerConnection stats and both sides' view of the ending.
 */
final class SdkCallIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Path FIREFOX = Path.of(System.getenv().getOrDefault("FIREFOX_PATH", "/usr/bin/firefox-esr"));

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    private static GatewayProcess gateway;
    private static final Map<String, Map<String, JsonNode>> RUNS = new HashMap<>();

    @BeforeAll
    static void startGateway() throws Exception {
        NodeScript.requireModules("stanza", "esbuild", "playwright-core", "puppeteer-core");
        NodeScript.requireExecutable(FIREFOX, "Firefox ESR", "FIREFOX_PATH");
        gateway = GatewayProcess.on(prosody).auth("none").startReady();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sdkPageInChromium_callsTheSoftphoneAndStanzaJs_mediaFlowsBothWays() throws Exception {
        assertBothCalls(run("chromium"));
    }

    @Test
    void sdkPageInFirefox_callsTheSoftphoneAndStanzaJs_mediaFlowsBothWays() throws Exception {
        assertBothCalls(run("firefox"));
    }

    @Test
    void softphoneSocketDroppedMidCall_resumesTheSameDevice_andMediaKeepsFlowing() throws Exception {
        JsonNode call = run("chromium").get("sdk-calls-softphone");
        JsonNode resume = call.path("resume");
        assertThat(resume.path("jidAfter").asText()).as("the same device after the resume: %s", resume)
                .isNotEmpty().isEqualTo(resume.path("jidBefore").asText());
        assertThat(resume.path("events").toString()).as("the softphone registered with its resume token")
                .contains("> register (resume)");
        assertThat(resume.path("stateAfter").asText()).as("the softphone's call").isEqualTo("active");
        assertThat(resume.path("sdkStateAfter").asText()).as("the SDK page's call").isEqualTo("active");
        assertGrew(call.path("afterResume"), "softphone", true);
        assertGrew(call.path("afterResume"), "sdk", true);
        assertThat(call.path("hangup").path("softphone").path("reason").asText()).as("hang-up after the resume")
                .isEqualTo("success");
    }

    /** One sdk-call.mjs run per engine, shared by the tests that read it. */
    private static synchronized Map<String, JsonNode> run(String engine) throws Exception {
        if (!RUNS.containsKey(engine)) {
            RUNS.put(engine, runScript(engine));
        }
        return RUNS.get(engine);
    }

    private static Map<String, JsonNode> runScript(String engine) throws Exception {
        NodeScript.Result script = NodeScript.run(TIMEOUT, "sdk-call.mjs", "--page", gateway.ready().http().toString(),
                "--engine", engine, "--ws", "ws://127.0.0.1:" + prosody.httpPort() + "/xmpp-websocket", "--jid",
                "alice@localhost", "--password", "alice-pw", "--domain", prosody.componentDomain(), "--resume",
                "chromium".equals(engine) ? "yes" : "no");
        assertThat(script.json("failure")).as("failure lines: %s", script.describe()).isEmpty();
        assertThat(script.exit()).as("sdk-call.mjs exit status: %s", script.describe()).isZero();
        for (JsonNode setup : script.json("setup")) {
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.out.println("[sdk-call " + engine + "] " + setup.path("scenario").asText() + " setup "
                    + setup.path("ms").asLong() + " ms");
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
        Map<String, JsonNode> results = new HashMap<>();
        for (JsonNode r : script.json("result")) {
            results.put(r.path("scenario").asText(), r);
        }
        assertThat(results).as(script.describe()).containsKeys("sdk-calls-softphone", "stanza-calls-sdk",
                "sdk-calls-stanza");
        return results;
    }

    private static void assertBothCalls(Map<String, JsonNode> results) {
        JsonNode phone = results.get("sdk-calls-softphone");
        assertGrew(phone.path("media"), "sdk", true);
        assertGrew(phone.path("media"), "softphone", true);
        assertThat(phone.path("hangup").path("sdk").path("reason").asText()).isEqualTo("success");
        assertThat(phone.path("hangup").path("sdk").path("by").asText()).isEqualTo("local");
        assertThat(phone.path("hangup").path("softphone").path("reason").asText()).isEqualTo("success");
        assertThat(phone.path("hangup").path("softphone").path("by").asText()).isEqualTo("remote");
        JsonNode incoming = results.get("stanza-calls-sdk");
        assertGrew(incoming.path("media"), "sdk", true);
        assertGrew(incoming.path("media"), "stanza", true);
        assertThat(incoming.path("hangup").path("sdk").path("reason").asText()).isEqualTo("success");
        assertThat(incoming.path("hangup").path("sdk").path("by").asText()).isEqualTo("remote");
        JsonNode outgoing = results.get("sdk-calls-stanza");
        assertGrew(outgoing.path("media"), "sdk", true);
        assertGrew(outgoing.path("media"), "stanza", true);
        assertThat(outgoing.path("hangup").path("stanza").asText()).as("StanzaJS's end reason").isEqualTo("success");
    }
}
