package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.LinkCutter;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call between the softphone (headless Chromium) and a StanzaJS page outlives drops of the gateway's XEP-0114 link
 * (docs/calls.md, "Link drops"): Prosody killed with SIGKILL and started again on the same ports and data, then the
 * link alone cut (through a {@link LinkCutter}) while Prosody and StanzaJS stay up. test-harness/js/link-drop.mjs
 * drives both pages; this test drops and restores the link at its phases.
 */
final class LinkDropIT {
    private static final Duration PHASE = Duration.ofSeconds(120);
    private static final long MIN_AUDIO = MediaGrowth.MIN_AUDIO;

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    @Test
    void callOutlivesAProsodyKillAndALinkCut_mediaFlowsThroughout_andSignalingWorksAfter() throws Exception {
        NodeScript.requireModules("stanza", "esbuild", "playwright-core");
        try (LinkCutter link = new LinkCutter(prosody.componentPort());
             GatewayProcess gateway = GatewayProcess.at(link.port(), prosody.componentSecret())
                     .domain(prosody.componentDomain()).auth("none")
                     .config("xmpp:\n  resume-seconds: 60\n  reconnect-max-millis: 1000\n").startReady()) {
            NodeScript.Running script = NodeScript.start("link-drop.mjs", "--page",
                    gateway.ready().http().toString(), "--ws", "ws://127.0.0.1:" + prosody.httpPort()
                            + "/xmpp-websocket", "--jid", "alice@localhost", "--password", "alice-pw");
            try {
                script.awaitPhase("in-call", PHASE);
                prosody.kill();
                prosody.start();
                gateway.awaitReady(2, Duration.ofSeconds(30));
                script.release("prosody-back");

                script.awaitPhase("cut", PHASE);
                link.cut();
                script.release("link-down");
                script.awaitPhase("link-down-done", PHASE);
                link.restore();
                gateway.awaitReady(3, Duration.ofSeconds(30));
                script.release("link-back");

                NodeScript.Result result = script.await(PHASE);
                assertThat(result.json("failure")).as("link-drop.mjs failed: %s", result.describe()).isEmpty();
                assertThat(result.exit()).as(result.describe()).isZero();
                check(result);
            } finally {
                script.kill();
            }
            assertThat(gateway.logText()).doesNotContain("call.ended reason=connectivity-error");
        }
    }

    private static void check(NodeScript.Result result) {
        List<JsonNode> results = result.json("result");
        JsonNode killed = scenario(results, "prosody-killed");
        printFigures(killed, "prosody killed");
        assertThat(killed.path("during").path("softphone").asLong()).as("softphone audio while Prosody was down"
                + " and coming back: %s", killed.path("during")).isGreaterThanOrEqualTo(MIN_AUDIO);
        assertThat(killed.path("during").path("stanza").asLong()).as("StanzaJS audio while Prosody was down: %s",
                killed.path("during")).isGreaterThanOrEqualTo(MIN_AUDIO);
        assertGrew(killed.path("after"));
        assertThat(killed.path("stanzaStatus").asText()).isNotEqualTo("ended");
        assertThat(killed.path("restart").path("after").asText()).as("StanzaJS's ICE restart after the kill")
                .isNotBlank().isNotEqualTo(killed.path("restart").path("before").asText());

        JsonNode cut = scenario(results, "link-cut");
        printFigures(cut, "link cut");
        assertThat(cut.path("bounce").path("condition").asText())
                .as("Prosody's answer to a transport-info for the gateway while the component is away")
                .isEqualTo("remote-server-timeout");
        assertThat(cut.path("stanzaStatusAfterBounce").asText()).as("StanzaJS keeps its call after the bounce")
                .isNotEqualTo("ended");
        assertGrew(cut.path("during"));
        assertThat(cut.path("stanzaStatusBeforeLinkBack").asText())
                .as("the softphone hung up during the cut: the session-terminate waits for the link")
                .isNotEqualTo("ended");
        assertThat(cut.path("hangup").path("stanza").asText()).as("StanzaJS's end reason, once the link is back")
                .isEqualTo("success");
    }

    private static JsonNode scenario(List<JsonNode> results, String name) {
        return results.stream().filter(n -> name.equals(n.path("scenario").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + name + " in " + results));
    }

    private static void assertGrew(JsonNode media) {
        for (String page : List.of("softphone", "stanza")) {
            MediaGrowth.assertGrew(media, page, false);
        }
    }

    private static void printFigures(JsonNode r, String what) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.out.println("[link-drop] " + what + ": during " + r.path("during") + " bounce " + r.path("bounce"));
        // CHECKSTYLE.ON: RegexpSinglelineJava
    }
}
