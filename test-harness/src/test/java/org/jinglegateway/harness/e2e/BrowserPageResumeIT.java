package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Browser resume with real pages on a real Prosody (docs/protocol.md §8): a StanzaJS page calls a bare protocol page
 * in headless Chromium (test-harness/js/resume-call.mjs, resume-page/); mid-call the page closes its own WebSocket
 * and resumes on a new one. Media bytes must grow on both pages before the drop and after the resume, the resume
 * must give back the same JID and the call, and the call must end on both sides with success.
 */
final class BrowserPageResumeIT {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(150);
    private static final long MIN_AUDIO_GROWTH = 1000;

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    private static GatewayProcess gateway;
    private static NodeScript.Result script;

    @BeforeAll
    static void runTheCall() throws Exception {
        NodeScript.requireModules("stanza", "esbuild", "playwright-core");
        // the pages come from the script's own loopback server, another origin than the gateway's
        gateway = GatewayProcess.on(prosody).config("http:\n  allowed-origins: [\"*\"]\ncalls:\n  resume-seconds: 30\n")
                .auth("none").startReady();
        script = NodeScript.run(NODE_TIMEOUT, "resume-call.mjs", "--gateway-ws", gateway.ready().ws().toString(),
                "--ws", "ws://127.0.0.1:" + prosody.httpPort() + "/xmpp-websocket", "--jid", "alice@localhost",
                "--password", "alice-pw");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void pageDropsItsSocketMidCall_resumesTheSameDevice_mediaGoesOnAndTheCallEndsCleanly() {
        List<JsonNode> failures = script.json("failure");
        assertThat(failures).as("resume-call.mjs failed: %s; %s", failures, script.describe()).isEmpty();
        assertThat(script.exit()).as(script.describe()).isZero();
        JsonNode r = script.json("result").get(0);

        JsonNode resumed = r.path("resumed");
        assertThat(resumed.path("closeCode").asInt()).as("the page closed its own socket").isEqualTo(1000);
        assertThat(resumed.path("sameJid").asBoolean()).as("same JID after the resume: %s", r).isTrue();
        assertThat(resumed.path("newToken").asBoolean()).as("a new resume token").isTrue();
        assertThat(resumed.path("calls").toString()).isEqualTo("[{\"callId\":\"" + resumed.path("callId").asText()
                + "\",\"state\":\"active\"}]");

        for (String phase : List.of("beforeDrop", "afterResume")) {
            for (String page : List.of("page", "stanza")) {
                JsonNode media = r.path("media").path(phase);
                long grew = media.path("after").path(page).path("inbound").path("audio").asLong()
                        - media.path("before").path(page).path("inbound").path("audio").asLong();
                assertThat(grew).as("inbound audio bytes on the %s page, %s: %s", page, phase, media)
                        .isGreaterThanOrEqualTo(MIN_AUDIO_GROWTH);
            }
        }
        assertThat(r.path("hangup").path("stanza").asText()).as("StanzaJS's end reason after the page hung up")
                .isEqualTo("success");
    }
}
