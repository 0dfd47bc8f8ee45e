package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.LinkCutter;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

/**
 * Calls that change or end under way, on a real Prosody: ICE restarts in both directions (Conversations'
 * convention), an unanswered call timing out, a peer going offline, the gateway's XEP-0114 link down longer than
 * xmpp.resume-seconds (cut by a {@link LinkCutter} while Prosody stays up), and last SIGTERM with an active and two
 * ringing calls (docs/calls.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class CallRecoveryIT {
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String DOMAIN = "gw.localhost";

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").user("erin", "erin-pw")
            .build();

    private static LinkCutter link;
    private static GatewayProcess gateway;
    private static String wsUrl;

    @BeforeAll
    static void startGateway() throws Exception {
        link = new LinkCutter(prosody.componentPort());
        gateway = GatewayProcess.at(link.port(), prosody.componentSecret()).domain(DOMAIN)
                .config("calls:\n  ring-timeout-seconds: 2\nxmpp:\n  resume-seconds: 2\n  reconnect-max-millis: 1000\n"
                        + "shutdown-grace-seconds: 0\n")
                .auth("none").startReady();
        wsUrl = gateway.ready().ws().toString();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    @Order(1)
    void peerRestartsIce_browserGetsAnOfferWithTheNewCredentials_andItsAnswerGoesBackAsTransportInfo()
            throws Exception {
        String sid = unique();
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl); JinglePeer bob = login("bob")) {
            String aliceJid = register(alice, "alice");
            String callId = answeredIncomingCall(alice, aliceJid, bob, sid);

            assertResult(bob.sendJingle(aliceJid, Fixtures.jingle("modelled/conversations/transport-info-ice-restart.xml",
                    sid)));

            JsonNode offer = alice.await("offer", STEP);
            assertThat(offer.path("callId").asText()).isEqualTo(callId);
            assertThat(offer.path("sdp").asText()).contains("a=ice-ufrag:ueuV").contains("a=ice-pwd:")
                    .as("DTLS roles kept: the browser answered active, so the peer stays passive")
                    .contains("a=setup:passive").doesNotContain("a=ice-ufrag:nG8z");

            alice.send(Map.of("type", "answer", "callId", callId, "sdp",
                    Fixtures.read("chrome/audio-answer.sdp").replace("a=ice-ufrag:Lf9X", "a=ice-ufrag:R3st")));

            Received info = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(Xml.text(info.element(), "j:content/ice:transport/@ufrag")).isEqualTo("R3st");
            assertThat(Xml.has(info.element(), "j:content/ice:transport/ice:candidate"))
                    .as("a restart carries no candidates: %s", info).isFalse();
        }
    }

    @Test
    @Order(2)
    void browserRestartsIce_peerGetsNewCredentials_andItsReplyBecomesTheAnswer() throws Exception {
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl); JinglePeer bob = login("bob")) {
            register(alice, "alice");
            alice.send(Map.of("type", "call", "callId", "r1", "to", bob.jid(), "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            Received initiate = bob.awaitJingle("session-initiate", STEP);
            String sid = Xml.text(initiate.element(), "@sid");
            assertResult(bob.sendJingle(initiate.from(), Fixtures.jingle("modelled/conversations/session-accept-audio.xml",
                    sid)));
            alice.await("answer", STEP);

            alice.send(Map.of("type", "offer", "callId", "r1", "sdp",
                    Fixtures.read("chrome/audio-offer.sdp").replace("a=ice-ufrag:nG8z", "a=ice-ufrag:N3wU")));

            Received restart = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(Xml.text(restart.element(), "j:content/ice:transport/@ufrag")).isEqualTo("N3wU");
            assertThat(Xml.text(restart.element(), "j:content/ice:transport/@pwd")).isNotBlank();

            assertResult(bob.sendJingle(initiate.from(), Fixtures.jingle(
                    "modelled/conversations/transport-info-ice-restart.xml", sid)));
            JsonNode answer = alice.await("answer", STEP);
            assertThat(answer.path("sdp").asText()).contains("a=ice-ufrag:ueuV").doesNotContain("a=setup:actpass");
        }
    }

    @Test
    @Order(3)
    void nobodyAnswers_callTimesOutWithRetractAndHangup() throws Exception {
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl); JinglePeer bob = login("bob")) {
            register(alice, "alice");
            alice.send(Map.of("type", "call", "callId", "t1", "to", "bob@" + ProsodyServer.VIRTUAL_HOST, "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            String id = bob.awaitJmi("propose", STEP).attr("id");

            JsonNode hangup = alice.await("hangup", Duration.ofSeconds(10));
            assertThat(hangup.path("reason").asText()).isEqualTo("timeout");
            Received retract = bob.awaitJmi("retract", id, STEP);
            assertThat(Xml.has(retract.element(), "j:reason/j:timeout")).as("retract with <timeout/>: %s", retract)
                    .isTrue();
        }
    }

    @Test
    @Order(4)
    void peerGoesOffline_browserGetsHangupGone() throws Exception {
        String sid = unique();
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl)) {
            String aliceJid = register(alice, "alice");
            JinglePeer erin = login("erin");
            // erin subscribes to alice; her client approves the gateway's subscription back (as Conversations does
            // for a contact it subscribed to), so her presence reaches the gateway
            Roster.getInstanceFor(erin.client().connection()).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            erin.sendPresence(Presence.Type.subscribe, "alice@" + DOMAIN);
            erin.awaitPresence(p -> "subscribed".equals(p.attr("type")), STEP, "the gateway approves");
            answeredIncomingCall(alice, aliceJid, erin, sid);

            erin.close();

            JsonNode hangup = alice.await("hangup", STEP);
            assertThat(hangup.path("reason").asText()).isEqualTo("gone");
        }
    }

    @Test
    @Order(5)
    void linkDownLongerThanTheResumeWindow_browserHearsAtOnce_peerWhenTheLinkReturns() throws Exception {
        String sid = unique();
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl); JinglePeer bob = login("bob")) {
            String aliceJid = register(alice, "alice");
            answeredIncomingCall(alice, aliceJid, bob, sid);

            link.cut();
            JsonNode hangup = alice.await("hangup", Duration.ofSeconds(15));
            assertThat(hangup.path("reason").asText()).isEqualTo("connectivity-error");
            assertThat(hangup.path("text").asText()).contains("down for more than 2 s");
            link.restore();

            Received terminate = bob.awaitJingle("session-terminate", sid, Duration.ofSeconds(30));
            assertThat(Xml.has(terminate.element(), "j:reason/j:connectivity-error"))
                    .as("the held session-terminate, sent once the link is back: %s", terminate).isTrue();
            assertThat(gateway.awaitReady(2, Duration.ofSeconds(30)).domain()).isEqualTo(DOMAIN);
        }
    }

    /**
     * SIGTERM with one call of each kind under way: alice's active call with bob, dave's propose still ringing
     * erin's devices, and bob's propose ringing carol's browser. Each XMPP peer and each browser hears the end
     * (docs/protocol.md §9), and the gateway exits 0. Last: the gateway does not come back.
     */
    @Test
    @Order(6)
    void sigterm_everyPeerAndBrowserIsTold_activeAndRingingCalls_exit0() throws Exception {
        String sid = unique();
        String proposed = unique();
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl); BrowserSocket dave = BrowserSocket.open(
                "dave", wsUrl); BrowserSocket carol = BrowserSocket.open("carol", wsUrl); JinglePeer bob = login("bob");
             JinglePeer erin = login("erin")) {
            answeredIncomingCall(alice, register(alice, "alice"), bob, sid);
            register(dave, "dave");
            dave.send(Map.of("type", "call", "callId", "d1", "to", "erin@" + ProsodyServer.VIRTUAL_HOST, "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            String daveSid = erin.awaitJmi("propose", STEP).attr("id");
            register(carol, "carol");
            bob.sendJmi("carol@" + DOMAIN, "<propose xmlns='urn:xmpp:jingle-message:0' id='" + proposed + "'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            carol.await("ring", STEP);

            ProcessHandle.of(gateway.pid()).orElseThrow().destroy();

            Received terminate = bob.awaitJingle("session-terminate", sid, Duration.ofSeconds(15));
            assertThat(Xml.has(terminate.element(), "j:reason/j:connectivity-error")).as("%s", terminate).isTrue();
            assertThat(erin.awaitJmi("retract", daveSid, STEP)).as("dave's propose retracted").isNotNull();
            assertThat(bob.awaitJmi("reject", proposed, STEP)).as("bob's propose to carol rejected").isNotNull();
            for (BrowserSocket b : java.util.List.of(alice, dave, carol)) {
                assertThat(b.await("hangup", STEP).path("reason").asText()).as("%s's hangup", b)
                        .isEqualTo("connectivity-error");
            }
            assertThat(gateway.awaitExit(Duration.ofSeconds(15))).as("exit status after SIGTERM").isZero();
        }
    }

    /** bob calls alice directly (Conversations' initiate), alice answers: returns the call id. */
    private static String answeredIncomingCall(BrowserSocket alice, String aliceJid, JinglePeer bob, String sid)
            throws Exception {
        assertResult(bob.sendJingle(aliceJid, Fixtures.jingle("modelled/conversations/session-initiate-audio.xml", sid)));
        JsonNode offer = alice.await("offer", STEP);
        String callId = offer.path("callId").asText();
        alice.send(Map.of("type", "answer", "callId", callId, "sdp", Fixtures.read("chrome/audio-answer.sdp")));
        bob.awaitJingle("session-accept", sid, STEP);
        return callId;
    }

    private static String register(BrowserSocket ws, String user) {
        ws.send(Map.of("type", "register", "user", user));
        return ws.await("registered", STEP).path("jid").asText();
    }

    private static JinglePeer login(String user) throws Exception {
        return JinglePeer.login(prosody, user, user + "-pw");
    }

    private static void assertResult(Element response) {
        assertThat(response.getAttribute("type")).as("IQ response %s", Xml.toString(response)).isEqualTo("result");
    }

    private static String unique() {
        return "R-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
