package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinglegateway.harness.e2e.Scenario.STEP;
import static org.jinglegateway.harness.e2e.Scenario.assertResult;
import static org.jinglegateway.harness.e2e.Scenario.establishDirectCall;
import static org.jinglegateway.harness.e2e.Scenario.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.e2e.Scenario.Browser;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Browser resume on a real Prosody (docs/protocol.md §8): a page's socket closes mid-call with a Smack peer, the peer
 * goes on signalling, and a new socket takes the device back with its resume token; or the window closes first.
 */
final class BrowserResumeIT {
    private static final String DOMAIN = "gw.localhost";
    /** Long enough for a resume a few steps after the close, short enough to wait out once. */
    private static final Duration WINDOW = Duration.ofSeconds(8);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").build();

    private static GatewayProcess gateway;
    private static String wsUrl;

    @RegisterExtension
    final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.on(prosody).domain(DOMAIN).config("calls:\n  resume-seconds: " + WINDOW.toSeconds()
                + "\n").auth("none").startReady();
        wsUrl = gateway.ready().ws().toString();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void socketClosesMidCall_resumeKeepsTheJidAndTheCall_andReplaysThePeersCandidatesInOrder() throws Exception {
        String sid = unique("resume");
        try (JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw")) {
            Browser alice = Scenario.register(wsUrl, DOMAIN, "alice");
            String callId;
            String token;
            try {
                token = alice.ws().received().get(0).path("resume").asText();
                callId = establishDirectCall(bob, alice, sid);
            } finally {
                alice.close();
            }

            // the peer goes on while the page is away: the device is still there for it
            assertResult(bob.sendJingle(alice.jid(), Fixtures.jingle("conversations/transport-info-candidate-01.xml",
                    sid)));
            assertResult(bob.sendJingle(alice.jid(), Fixtures.jingle("conversations/transport-info-candidate-02.xml",
                    sid)));

            try (BrowserSocket again = BrowserSocket.open("alice-again", wsUrl)) {
                again.send(Map.of("type", "register", "user", "alice", "resume", token));
                JsonNode registered = again.await("registered", STEP);
                assertThat(registered.path("jid").asText()).isEqualTo(alice.jid());
                assertThat(registered.path("resume").asText()).isNotBlank().isNotEqualTo(token);
                assertThat(registered.path("calls").toString()).isEqualTo("[{\"callId\":\"" + callId
                        + "\",\"state\":\"active\"}]");
                JsonNode first = again.await("candidate", STEP);
                JsonNode second = again.await("candidate", STEP);
                assertThat(first.path("callId").asText()).isEqualTo(callId);
                assertThat(first.path("candidate").asText()).contains("192.0.2.2 45569");
                assertThat(second.path("candidate").asText()).contains("fd00::2 49209");
                assertThat(Scenario.types(again.received())).as("registered first, then the held frames in order")
                        .startsWith("registered", "candidate", "candidate");

                again.send(Map.of("type", "hangup", "callId", callId));
                Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
                assertThat(terminate.from()).isEqualTo(alice.jid());
                assertThat(Xml.has(terminate.element(), "j:reason/j:success")).as("%s", terminate).isTrue();
            }
        }
    }

    @Test
    void resumeAfterTheWindow_failsWithResumeFailed_afterThePeerGotGone() throws Exception {
        String sid = unique("late");
        try (JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw")) {
            Browser alice = Scenario.register(wsUrl, DOMAIN, "alice");
            String token;
            try {
                token = alice.ws().received().get(0).path("resume").asText();
                establishDirectCall(bob, alice, sid);
            } finally {
                alice.close();
            }

            Received terminate = bob.awaitJingle("session-terminate", sid, WINDOW.plus(STEP));
            assertThat(Xml.has(terminate.element(), "j:reason/j:gone")).as("%s", terminate).isTrue();
            assertThat(Xml.text(terminate.element(), "j:reason/j:text"))
                    .isEqualTo("the browser did not come back within " + WINDOW.toSeconds() + " s");

            try (BrowserSocket late = BrowserSocket.open("alice-late", wsUrl)) {
                late.send(Map.of("type", "register", "user", "alice", "resume", token));
                JsonNode error = late.await("error", STEP);
                assertThat(error.path("code").asText()).isEqualTo("resume-failed");
                late.send(Map.of("type", "register", "user", "alice"));
                JsonNode fresh = late.await("registered", STEP);
                assertThat(fresh.path("jid").asText()).as("a new device").isNotEqualTo(alice.jid())
                        .startsWith("alice@" + DOMAIN + "/");
                assertThat(fresh.has("calls")).isFalse();
            }
        }
    }
}
