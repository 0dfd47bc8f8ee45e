package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinglegateway.harness.e2e.MediaGrowth.assertGrew;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real XMPP Jingle client against the gateway's softphone, both in real headless Chromium: StanzaJS (its own page,
 * logged in to a real Prosody over WebSocket) calls the softphone user with audio and video, and the softphone calls
 * the StanzaJS user with audio only (test-harness/js/stanza-call.mjs drives both; the StanzaJS page is bundled with
 * esbuild and served from a loopback static server). Each call is asserted from both pages' own RTCPeerConnection
 * stats, and both sides must see the call end with the same XEP-0166 reason.
 */
final class StanzaCallIT {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    private static GatewayProcess gateway;
    private static final Map<String, JsonNode> RESULTS = new HashMap<>();
    private static NodeScript.Result script;
    private static final List<String> SETUPS = new ArrayList<>();

    @BeforeAll
    static void runBothCalls() throws Exception {
        NodeScript.requireModules("stanza", "esbuild", "playwright-core");
        gateway = GatewayProcess.on(prosody).auth("none").startReady();
        String page = gateway.ready().http().toString();
        script = NodeScript.run(NODE_TIMEOUT, "stanza-call.mjs", "--page", page, "--ws",
                "ws://127.0.0.1:" + prosody.httpPort() + "/xmpp-websocket", "--jid", "alice@localhost",
                "--password", "alice-pw");
        for (JsonNode node : script.json()) {
            switch (node.path("type").asText()) {
                case "result" -> RESULTS.put(node.path("scenario").asText(), node);
                case "setup" -> SETUPS.add(node.path("scenario").asText() + " " + node.path("ms").asLong() + " ms");
                case "failure" -> RESULTS.put("failure", node);
                default -> {
                }
            }
        }
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.out.println("[stanza-call] call setup (call -> both connected): " + SETUPS);
        // CHECKSTYLE.ON: RegexpSinglelineJava
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void stanzaJsCallsTheSoftphoneWithVideo_mediaFlowsBothWaysAndBothSeeTheSameEnding() {
        JsonNode r = result("stanza-calls-softphone");
        assertGrew(r.path("media"), "stanza", true);
        assertGrew(r.path("media"), "softphone", true);
        assertThat(r.path("hangup").path("softphone").asText()).as("the softphone's hangup reason")
                .isEqualTo("success").isEqualTo(r.path("hangup").path("stanza").asText());
    }

    @Test
    void softphoneCallsStanzaJsWithAudio_mediaFlowsBothWaysAndBothSeeTheSameEnding() {
        JsonNode r = result("softphone-calls-stanza");
        assertGrew(r.path("media"), "stanza", false);
        assertGrew(r.path("media"), "softphone", false);
        assertThat(r.path("media").path("after").path("stanza").path("inbound").path("video").asLong())
                .as("no video in an audio-only call").isZero();
        assertThat(r.path("hangup").path("stanza").asText()).as("StanzaJS's end reason")
                .isEqualTo("success").isEqualTo(r.path("hangup").path("softphone").asText());
    }

    private static JsonNode result(String scenario) {
        assertThat(RESULTS).as("stanza-call.mjs failed: %s; %s", RESULTS.get("failure"), script.describe())
                .doesNotContainKey("failure");
        assertThat(script.exit()).as("stanza-call.mjs exit status: %s", script.describe()).isZero();
        assertThat(RESULTS).containsKey(scenario);
        return RESULTS.get(scenario);
    }
}
