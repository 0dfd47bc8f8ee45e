package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinglegateway.harness.e2e.Scenario.STEP;
import static org.jinglegateway.harness.e2e.Scenario.assertResult;
import static org.jinglegateway.harness.e2e.Scenario.establishDirectCall;
import static org.jinglegateway.harness.e2e.Scenario.terminate;
import static org.jinglegateway.harness.e2e.Scenario.texts;
import static org.jinglegateway.harness.e2e.Scenario.types;
import static org.jinglegateway.harness.e2e.Scenario.unique;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.e2e.Scenario.Browser;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.w3c.dom.Element;

/**
 * CallsIT's scenarios between a scripted XMPP client and a scripted browser page, with a real ejabberd (Debian's
 * 23.01) routing the XMPP side instead of Prosody: the same stanzas and frames, the same expectations.
 */
final class EjabberdCallsIT {
    private static final String DOMAIN = "gw.localhost";

    private static GatewayProcess gateway;
    private static String wsUrl;

    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("bob", "bob-pw").build();

    @RegisterExtension
    static final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.on(ejabberd).domain(DOMAIN).auth("none").startReady();
        wsUrl = gateway.ready().ws().toString();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void xmppCallerProposes_browserRingsAcceptsAndSignalsBothWays() throws Exception {
        String sid = unique("S1");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            bob.sendJmi("alice@" + DOMAIN, "<propose xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            JsonNode ring = alice.await("ring");
            String callId = ring.path("callId").asText();
            assertThat(callId).isNotBlank();
            assertThat(ring.path("from").asText()).isEqualTo(bob.jid());
            assertThat(texts(ring.path("media"))).containsExactly("audio");

            Received ringing = bob.awaitJmi("ringing", sid, STEP);
            assertThat(ringing.from()).isEqualTo(alice.jid());

            alice.send("type", "accept", "callId", callId);
            Received proceed = bob.awaitJmi("proceed", sid, STEP);
            assertThat(proceed.from()).isEqualTo(alice.jid());

            assertResult(bob.sendJingle(alice.jid(),
                    Fixtures.jingle("conversations/session-initiate-audio.xml", sid)));
            JsonNode offer = alice.await("offer");
            assertThat(offer.path("callId").asText()).isEqualTo(callId);
            assertThat(offer.path("from").asText()).isEqualTo(bob.jid());
            assertThat(offer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:nG8z");
            String mid = Fixtures.firstMid(offer.path("sdp").asText());

            assertResult(bob.sendJingle(alice.jid(),
                    Fixtures.jingle("conversations/transport-info-candidate-01.xml", sid)));
            alice.send("type", "answer", "callId", callId,
                    "sdp", Fixtures.withMid(Fixtures.read("chrome/audio-answer.sdp"), mid));
            JsonNode candidate = alice.await("candidate");
            assertThat(candidate.path("callId").asText()).isEqualTo(callId);
            assertThat(candidate.path("sdpMid").asText()).as("sdpMid is the content name").isEqualTo("0");
            assertThat(candidate.path("candidate").asText()).startsWith("candidate:")
                    .contains("192.0.2.2 45569 typ host");

            Received accept = bob.awaitJingle("session-accept", sid, STEP);
            assertThat(accept.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(accept.element(), "j:content/@name")).isEqualTo("0");
            assertThat(Xml.text(accept.element(), "j:content/rtp:description/@media")).isEqualTo("audio");
            assertThat(Xml.has(accept.element(), "j:content/ice:transport/dtls:fingerprint"))
                    .as("session-accept carries a DTLS fingerprint: %s", accept).isTrue();

            alice.send(Fixtures.candidateFrame("chrome/audio-answer.candidates.json", 0, callId, mid));
            Received transportInfo = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(transportInfo.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(transportInfo.element(), "j:content/ice:transport/ice:candidate/@ip"))
                    .isEqualTo("192.0.2.2");
            assertThat(Xml.text(transportInfo.element(), "j:content/ice:transport/ice:candidate/@port"))
                    .isEqualTo("44966");

            assertResult(bob.sendJingle(alice.jid(), terminate(sid, "success")));
            JsonNode hangup = alice.await("hangup");
            assertThat(hangup.path("callId").asText()).isEqualTo(callId);
            assertThat(hangup.path("reason").asText()).isEqualTo("success");
        }
    }

    @Test
    void browserCallsBareJid_proposesAndInitiatesAfterProceed() throws Exception {
        String callId = unique("call");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            alice.send("type", "call", "callId", callId, "to", "bob@localhost",
                    "sdp", Fixtures.read("chrome/audio-offer.sdp"));
            Received propose = bob.awaitJmi("propose", STEP);
            String sid = propose.attr("id");
            assertThat(sid).isNotBlank();
            assertThat(propose.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(propose.element(), "rtp:description/@media")).isEqualTo("audio");

            bob.sendJmi(alice.jid(), "<ringing xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
            assertThat(alice.await("ringing").path("callId").asText()).isEqualTo(callId);

            bob.sendJmi(alice.jid(), "<proceed xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
            Received initiate = bob.awaitJingle("session-initiate", sid, STEP);
            assertThat(initiate.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(initiate.element(), "j:content/rtp:description/@media")).isEqualTo("audio");
            assertThat(Xml.text(initiate.element(), "j:content/ice:transport/@ufrag")).isEqualTo("nG8z");
            String content = Xml.text(initiate.element(), "j:content/@name");

            String accept = Fixtures.withContentName(
                    Fixtures.jingle("conversations/session-accept-audio.xml", sid), "0", content);
            assertResult(bob.sendJingle(alice.jid(), accept));
            JsonNode answer = alice.await("answer");
            assertThat(answer.path("callId").asText()).isEqualTo(callId);
            assertThat(answer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:Lf9X")
                    .contains("a=setup:active");

            alice.send("type", "hangup", "callId", callId);
            Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
            assertThat(Xml.has(terminate.element(), "j:reason/j:success"))
                    .as("session-terminate with <success/>: %s", terminate).isTrue();
        }
    }

    @Test
    void browserHangsUpBeforeProceed_retractsThePropose() throws Exception {
        String callId = unique("call");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            alice.send("type", "call", "callId", callId, "to", "bob@localhost",
                    "sdp", Fixtures.read("chrome/audio-offer.sdp"));
            String sid = bob.awaitJmi("propose", STEP).attr("id");

            alice.send("type", "hangup", "callId", callId);
            Received retract = bob.awaitJmi("retract", sid, STEP);
            assertThat(retract.from()).isEqualTo(alice.jid());
            assertThat(bob.jingleInbox().history()).as("no Jingle session was started").isEmpty();
        }
    }

    @Test
    void xmppPeerRejectsPropose_browserGetsHangupDecline() throws Exception {
        String callId = unique("call");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            alice.send("type", "call", "callId", callId, "to", "bob@localhost",
                    "sdp", Fixtures.read("chrome/audio-offer.sdp"));
            String sid = bob.awaitJmi("propose", STEP).attr("id");

            bob.sendJmi(alice.jid(), "<reject xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
            JsonNode hangup = alice.await("hangup");
            assertThat(hangup.path("callId").asText()).isEqualTo(callId);
            assertThat(hangup.path("reason").asText()).isEqualTo("decline");
        }
    }

    @Test
    void sessionInitiateToFullJid_givesOfferWithoutRing() throws Exception {
        String sid = unique("stanzajs");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            assertResult(bob.sendJingle(alice.jid(), Fixtures.jingle("stanzajs/session-initiate-audio.xml", sid)));
            JsonNode offer = alice.await("offer");
            assertThat(offer.path("from").asText()).isEqualTo(bob.jid());
            assertThat(offer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:nG8z");
            assertThat(types(alice.ws().received())).doesNotContain("ring");

            String callId = offer.path("callId").asText();
            alice.send("type", "answer", "callId", callId, "sdp", Fixtures.withMid(
                    Fixtures.read("chrome/audio-answer.sdp"), Fixtures.firstMid(offer.path("sdp").asText())));
            Received accept = bob.awaitJingle("session-accept", sid, STEP);
            assertThat(Xml.text(accept.element(), "j:content/@name")).isEqualTo("0");
        }
    }

    @Test
    void transportInfoForUnknownSid_answersItemNotFoundWithUnknownSession() throws Exception {
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            Element response = bob.sendJingle(alice.jid(),
                    Fixtures.jingle("conversations/transport-info-candidate-01.xml", unique("no-such-session")));
            assertThat(response.getAttribute("type")).as("response %s", Xml.toString(response)).isEqualTo("error");
            assertThat(Xml.text(response, "*[local-name()='error']/@type")).isEqualTo("cancel");
            assertThat(Xml.has(response, "*[local-name()='error']/stanza:item-not-found"))
                    .as("item-not-found in %s", Xml.toString(response)).isTrue();
            assertThat(Xml.has(response, "*[local-name()='error']/jerr:unknown-session"))
                    .as("unknown-session in %s", Xml.toString(response)).isTrue();
        }
    }

    @Test
    void browserSocketClosesDuringCall_peerGetsSessionTerminateGone() throws Exception {
        String sid = unique("gone");
        try (JinglePeer bob = login("bob")) {
            Browser alice = register("alice");
            try {
                establishDirectCall(bob, alice, sid);
            } finally {
                alice.close();
            }
            Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
            assertThat(Xml.has(terminate.element(), "j:reason/j:gone"))
                    .as("session-terminate with <gone/>: %s", terminate).isTrue();
        }
    }

    @Test
    void subscribeToBrowserUser_isApprovedAndDevicePresenceCarriesCaps() throws Exception {
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            bob.sendPresence(Presence.Type.subscribe, "alice@" + DOMAIN);
            Received subscribed = bob.awaitPresence(p -> p.from().startsWith("alice@" + DOMAIN)
                    && "subscribed".equals(p.attr("type")), STEP, "presence type='subscribed' from alice@" + DOMAIN);
            assertThat(subscribed.from()).startsWith("alice@" + DOMAIN);

            Received available = bob.awaitPresence(p -> p.from().equals(alice.jid()) && p.attr("type").isEmpty(),
                    STEP, "available presence from " + alice.jid());
            assertThat(Xml.has(available.element(), "caps:c"))
                    .as("XEP-0115 <c/> in %s", available).isTrue();
            assertThat(Xml.text(available.element(), "caps:c/@hash")).isNotBlank();
            assertThat(Xml.text(available.element(), "caps:c/@node")).isNotBlank();
            assertThat(Xml.text(available.element(), "caps:c/@ver")).isNotBlank();
        }
    }

    @Test
    void discoInfoOnBrowserFullJid_listsJingleFeatures() throws Exception {
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            DiscoverInfo info = bob.client().discoInfo(alice.jid());
            assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                    "urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:audio", "urn:xmpp:jingle:apps:dtls:0",
                    "urn:xmpp:jingle:transports:ice-udp:1");
        }
    }

    private static Browser register(String user) throws Exception {
        return Scenario.register(wsUrl, DOMAIN, user);
    }

    private static JinglePeer login(String user) throws Exception {
        return JinglePeer.login(ejabberd, user, user + "-pw");
    }
}
