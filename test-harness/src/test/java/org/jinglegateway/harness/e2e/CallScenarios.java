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
import java.util.List;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.e2e.Scenario.Browser;
import org.jinglegateway.harness.XmppServer;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.w3c.dom.Element;

/**
 * Calls through the gateway on a real XMPP server, as scenarios on the wire: a scripted XMPP client (raw Jingle and
 * XEP-0353 XML from modelled Conversations and captured StanzaJS stanzas) on one side, a scripted browser page (JSON
 * frames
 * of docs/protocol.md, Chrome's captured SDP) on the other. One suite, run on each server by a subclass that only
 * provides the server (ProsodyCallsIT, EjabberdCallsIT) with a user {@code bob} (password {@code bob-pw}): the same
 * stanzas and frames, the same expectations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallScenarios {
    static final String DOMAIN = "gw.localhost";

    private GatewayProcess gateway;
    private List<String> wsUrls;
    private int nextWs;

    @RegisterExtension
    final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    /** The running server (the subclass's {@code @RegisterExtension}), started before {@link #startGateway()}. */
    abstract XmppServer server();

    @BeforeAll
    void startGateway() throws Exception {
        // resume off: each scenario's closed sockets take their devices with them at once, so no scenario meets
        // another's device (resume has its own ITs: BrowserResumeIT, BrowserPageResumeIT)
        wsUrls = startGateways("calls:\n  resume-seconds: 0\n");
    }

    /**
     * Starts what the scenarios talk to, with this config file and auth none; returns the WebSocket URLs that
     * browsers register on, in turn. One gateway here; a cluster in ClusterEjabberdCallsIT.
     */
    List<String> startGateways(String config) throws Exception {
        gateway = GatewayProcess.on(server()).domain(DOMAIN).config(config).auth("none").startReady();
        return List.of(gateway.ready().ws().toString());
    }

    @AfterAll
    void stopGateway() throws Exception {
        stopGateways();
    }

    /** Stops what {@link #startGateways} started. */
    void stopGateways() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The next WebSocket URL, round robin: with several instances, each page of a scenario is on another one. */
    private String wsUrl() {
        return wsUrls.get(nextWs++ % wsUrls.size());
    }

    // (a) registration

    @Test
    void register_answersRegisteredWithFullJidOnGatewayDomain() throws Exception {
        try (BrowserSocket ws = BrowserSocket.open("alice", wsUrl())) {
            ws.send(Map.of("type", "register", "user", "alice"));
            JsonNode registered = ws.await("registered", STEP);
            assertThat(registered.path("jid").asText()).matches("alice@gw\\.localhost/\\S+");
        }
    }

    @Test
    void frameBeforeRegister_getsErrorAndSocketStaysOpen() throws Exception {
        try (BrowserSocket ws = BrowserSocket.open("unregistered", wsUrl())) {
            ws.send(Map.of("type", "call", "callId", unique("early"), "to", "bob@localhost",
                    "sdp", Fixtures.read("chrome/audio-offer.sdp")));
            JsonNode error = ws.await("error", STEP);
            assertThat(error.path("code").asText()).isEqualTo("not-registered");
            assertThat(error.path("message").asText()).isEqualTo("send \"register\" before \"call\"");

            ws.send(Map.of("type", "ping"));
            ws.await("pong", STEP);
            assertThat(ws.isClosed()).isFalse();
        }
    }

    // (b) XMPP caller with XEP-0353 to a browser

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
                    Fixtures.jingle("modelled/conversations/session-initiate-audio.xml", sid)));
            JsonNode offer = alice.await("offer");
            assertThat(offer.path("callId").asText()).isEqualTo(callId);
            assertThat(offer.path("from").asText()).isEqualTo(bob.jid());
            assertThat(offer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:nG8z");
            String mid = Fixtures.firstMid(offer.path("sdp").asText());

            assertResult(bob.sendJingle(alice.jid(),
                    Fixtures.jingle("modelled/conversations/transport-info-candidate-01.xml", sid)));
            alice.send("type", "answer", "callId", callId,
                    "sdp", Fixtures.withMid(Fixtures.read("chrome/audio-answer.sdp"), mid));
            // the contract does not say when a peer candidate reaches the page; the gateway may hold it until the
            // page has answered (docs/calls.md), so it is awaited only after the answer
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
            assertThat(Xml.text(accept.element(), "j:content/ice:transport/dtls:fingerprint/@setup"))
                    .as("XEP-0320: the responder's setup").isIn("active", "passive");

            alice.send(Fixtures.candidateFrame("chrome/audio-answer.candidates.json", 0, callId, mid));
            Received transportInfo = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(transportInfo.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(transportInfo.element(), "j:content/@name")).isEqualTo("0");
            assertThat(Xml.text(transportInfo.element(), "j:content/ice:transport/ice:candidate/@ip"))
                    .isEqualTo("192.0.2.2");
            assertThat(Xml.text(transportInfo.element(), "j:content/ice:transport/ice:candidate/@port"))
                    .isEqualTo("44966");

            assertResult(bob.sendJingle(alice.jid(), terminate(sid, "success")));
            alice.awaitHangup(callId, "success");
        }
    }

    // (c) browser calls a bare JID: XEP-0353 first, then Jingle after proceed

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
            assertThat(Xml.text(initiate.element(), "j:content/ice:transport/dtls:fingerprint/@setup"))
                    .isEqualTo("actpass");
            String content = Xml.text(initiate.element(), "j:content/@name");

            String accept = Fixtures.withContentName(
                    Fixtures.jingle("modelled/conversations/session-accept-audio.xml", sid), "0", content);
            assertResult(bob.sendJingle(alice.jid(), accept));
            JsonNode answer = alice.await("answer");
            assertThat(answer.path("callId").asText()).isEqualTo(callId);
            assertThat(answer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:Lf9X")
                    .contains("a=setup:active");

            alice.send(Fixtures.candidateFrame("chrome/audio-offer.candidates.json", 0, callId, "0"));
            Received browserCandidate = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(Xml.text(browserCandidate.element(), "j:content/@name")).isEqualTo(content);
            assertThat(Xml.text(browserCandidate.element(), "j:content/ice:transport/ice:candidate/@port"))
                    .isEqualTo("45569");
            // bob's candidate carries the ICE credentials of bob's session-accept (Lf9X), not the fixture's caller's
            assertResult(bob.sendJingle(alice.jid(), Fixtures.withContentName(
                    Fixtures.jingle("modelled/conversations/transport-info-candidate-01.xml", sid), "0", content)
                    .replace("ufrag=\"nG8z\" pwd=\"q92hQi8EZE7TOQftlFWUGmgD\"",
                            "ufrag=\"Lf9X\" pwd=\"qtBtWDJGb8WZpSkGiG56PmSi\"")));
            JsonNode peerCandidate = alice.await("candidate");
            assertThat(peerCandidate.path("callId").asText()).isEqualTo(callId);
            assertThat(peerCandidate.path("sdpMid").asText()).isEqualTo("0");
            assertThat(peerCandidate.path("candidate").asText()).startsWith("candidate:").contains("192.0.2.2 45569");

            alice.send("type", "hangup", "callId", callId);
            Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
            assertThat(Xml.has(terminate.element(), "j:reason/j:success"))
                    .as("session-terminate with <success/>: %s", terminate).isTrue();
        }
    }

    // (d) the XEP-0353 phase ends early

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
            alice.awaitHangup(callId, "decline");
        }
    }

    @Test
    void proposeToUserWithTwoPages_ringsBothAndTheOtherStopsWhenOneAccepts() throws Exception {
        String sid = unique("two-pages");
        try (Browser desk = register("alice"); Browser phone = register("alice"); JinglePeer bob = login("bob")) {
            assertThat(desk.jid()).isNotEqualTo(phone.jid());
            bob.sendJmi("alice@" + DOMAIN, "<propose xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            JsonNode deskRing = desk.await("ring");
            JsonNode phoneRing = phone.await("ring");
            assertThat(deskRing.path("from").asText()).isEqualTo(bob.jid());
            assertThat(phoneRing.path("from").asText()).isEqualTo(bob.jid());

            desk.send("type", "accept", "callId", deskRing.path("callId").asText());
            Received proceed = bob.awaitJmi("proceed", sid, STEP);
            assertThat(proceed.from()).isEqualTo(desk.jid());
            JsonNode stop = phone.await("hangup");
            assertThat(stop.path("callId").asText()).isEqualTo(phoneRing.path("callId").asText());
        }
    }

    @Test
    void browserRejectsRing_peerGetsRejectFromBrowserFullJid() throws Exception {
        String sid = unique("rejected");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            bob.sendJmi("alice@" + DOMAIN, "<propose xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            String callId = alice.await("ring").path("callId").asText();

            alice.send("type", "reject", "callId", callId);
            Received reject = bob.awaitJmi("reject", sid, STEP);
            assertThat(reject.from()).isEqualTo(alice.jid());
        }
    }

    @Test
    void peerRetractsPropose_browserGetsHangupForTheRing() throws Exception {
        String sid = unique("retracted");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            bob.sendJmi("alice@" + DOMAIN, "<propose xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            String callId = alice.await("ring").path("callId").asText();

            bob.sendJmi("alice@" + DOMAIN, "<retract xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
            // a retract without a reason
            alice.awaitHangup(callId, "cancel");
        }
    }

    @Test
    void browserCallsFullJid_sendsSessionInitiateWithoutPropose() throws Exception {
        String callId = unique("call");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            alice.send("type", "call", "callId", callId, "to", bob.jid(),
                    "sdp", Fixtures.read("chrome/audio-offer.sdp"));
            Received initiate = bob.awaitJingle("session-initiate", STEP);
            String sid = initiate.attr("sid");
            assertThat(initiate.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(initiate.element(), "j:content/rtp:description/@media")).isEqualTo("audio");
            assertThat(bob.jmiInbox().history()).as("no XEP-0353 for a full JID").isEmpty();

            String content = Xml.text(initiate.element(), "j:content/@name");
            assertResult(bob.sendJingle(alice.jid(), Fixtures.withContentName(
                    Fixtures.jingle("modelled/conversations/session-accept-audio.xml", sid), "0", content)));
            JsonNode answer = alice.await("answer");
            assertThat(answer.path("callId").asText()).isEqualTo(callId);
            assertThat(answer.path("sdp").asText()).contains("a=ice-ufrag:Lf9X");

            assertResult(bob.sendJingle(alice.jid(), terminate(sid, "decline")));
            alice.awaitHangup(callId, "decline");
        }
    }

    // (e) Jingle straight to the browser's full JID, without XEP-0353 (StanzaJS)

    @Test
    void sessionInitiateToFullJid_givesOfferWithoutRing() throws Exception {
        String sid = unique("stanzajs");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            assertResult(bob.sendJingle(alice.jid(), Fixtures.jingle("stanzajs/session-initiate-audio.xml", sid)));
            JsonNode offer = alice.await("offer");
            assertThat(offer.path("callId").asText()).isNotBlank();
            assertThat(offer.path("from").asText()).isEqualTo(bob.jid());
            assertThat(offer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:nG8z");
            assertThat(types(alice.ws().received())).doesNotContain("ring");

            assertResult(bob.sendJingle(alice.jid(),
                    Fixtures.jingle("stanzajs/transport-info-initiator-1.xml", sid)));
            String callId = offer.path("callId").asText();
            alice.send("type", "answer", "callId", callId, "sdp", Fixtures.withMid(
                    Fixtures.read("chrome/audio-answer.sdp"), Fixtures.firstMid(offer.path("sdp").asText())));
            Received accept = bob.awaitJingle("session-accept", sid, STEP);
            assertThat(Xml.text(accept.element(), "j:content/@name")).isEqualTo("0");
            JsonNode candidate = alice.await("candidate");
            assertThat(candidate.path("callId").asText()).isEqualTo(callId);
            assertThat(candidate.path("sdpMid").asText()).isEqualTo("0");
            assertThat(candidate.path("candidate").asText()).startsWith("candidate:")
                    .contains("192.0.2.2 45569 typ host");
        }
    }

    // (f) unknown session

    @Test
    void transportInfoForUnknownSid_answersItemNotFoundWithUnknownSession() throws Exception {
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            Element response = bob.sendJingle(alice.jid(),
                    Fixtures.jingle("modelled/conversations/transport-info-candidate-01.xml",
                            unique("no-such-session")));
            assertThat(response.getAttribute("type")).as("response %s", Xml.toString(response)).isEqualTo("error");
            assertThat(Xml.text(response, "*[local-name()='error']/@type")).isEqualTo("cancel");
            assertThat(Xml.has(response, "*[local-name()='error']/stanza:item-not-found"))
                    .as("item-not-found in %s", Xml.toString(response)).isTrue();
            assertThat(Xml.has(response, "*[local-name()='error']/jerr:unknown-session"))
                    .as("unknown-session in %s", Xml.toString(response)).isTrue();
        }
    }

    // (g) two browser users on the gateway's own domain

    @Test
    void browserCallsBrowserOnGatewayDomain_gatewayRelaysTheWholeCall() throws Exception {
        String aliceCall = unique("call");
        try (Browser alice = register("alice"); Browser carol = register("carol")) {
            alice.send("type", "call", "callId", aliceCall, "to", "carol@" + DOMAIN,
                    "sdp", Fixtures.read("chrome/audio-offer.sdp"));
            JsonNode ring = carol.await("ring");
            String carolCall = ring.path("callId").asText();
            assertThat(carolCall).isNotBlank();
            assertThat(ring.path("from").asText()).isEqualTo(alice.jid());
            assertThat(texts(ring.path("media"))).containsExactly("audio");

            carol.send("type", "accept", "callId", carolCall);
            JsonNode offer = carol.await("offer");
            assertThat(offer.path("callId").asText()).isEqualTo(carolCall);
            assertThat(offer.path("from").asText()).isEqualTo(alice.jid());
            assertThat(offer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:nG8z");
            String mid = Fixtures.firstMid(offer.path("sdp").asText());

            carol.send("type", "answer", "callId", carolCall,
                    "sdp", Fixtures.withMid(Fixtures.read("chrome/audio-answer.sdp"), mid));
            JsonNode answer = alice.await("answer");
            assertThat(answer.path("callId").asText()).isEqualTo(aliceCall);
            assertThat(answer.path("sdp").asText()).contains("m=audio").contains("a=ice-ufrag:Lf9X");

            alice.send(Fixtures.candidateFrame("chrome/audio-offer.candidates.json", 0, aliceCall, "0"));
            JsonNode atCarol = carol.await("candidate");
            assertThat(atCarol.path("callId").asText()).isEqualTo(carolCall);
            assertThat(atCarol.path("sdpMid").asText()).isEqualTo(mid);
            assertThat(atCarol.path("candidate").asText()).startsWith("candidate:").contains("192.0.2.2 45569");

            carol.send(Fixtures.candidateFrame("chrome/audio-answer.candidates.json", 0, carolCall, mid));
            JsonNode atAlice = alice.await("candidate");
            assertThat(atAlice.path("callId").asText()).isEqualTo(aliceCall);
            assertThat(atAlice.path("sdpMid").asText()).isEqualTo("0");
            assertThat(atAlice.path("candidate").asText()).startsWith("candidate:").contains("192.0.2.2 44966");

            alice.send("type", "hangup", "callId", aliceCall, "reason", "connectivity-error");
            carol.awaitHangup(carolCall, "connectivity-error");
        }
    }

    // (h) the page goes away mid-call (resume off, as with calls.resume-seconds: 0)

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
            assertThat(terminate.from()).isEqualTo(alice.jid());
            assertThat(Xml.has(terminate.element(), "j:reason/j:gone"))
                    .as("session-terminate with <gone/>: %s", terminate).isTrue();
        }
    }

    // renegotiation: ICE restart both ways (docs/protocol.md offer/answer during a call; XEP-0176 new ufrag/pwd)

    @Test
    void peerRestartsIce_browserGetsOfferWithNewCredentialsAndItsAnswerGoesBack() throws Exception {
        String sid = unique("restart-in");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            String callId = establishDirectCall(bob, alice, sid);

            assertResult(bob.sendJingle(alice.jid(), "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='"
                    + sid + "'><content creator='initiator' name='0'><transport"
                    + " xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='ueuV' pwd='jCVyO4p22h51J+0IDkRDnoqe'/>"
                    + "</content></jingle>"));
            JsonNode offer = alice.await("offer");
            assertThat(offer.path("callId").asText()).isEqualTo(callId);
            assertThat(offer.path("sdp").asText()).contains("a=ice-ufrag:ueuV")
                    .contains("a=ice-pwd:jCVyO4p22h51J+0IDkRDnoqe").doesNotContain("a=ice-ufrag:nG8z");

            alice.send("type", "answer", "callId", callId, "sdp", Fixtures.withIce(Fixtures.withMid(
                    Fixtures.read("chrome/audio-answer.sdp"), Fixtures.firstMid(offer.path("sdp").asText())),
                    "U55A", "tvWAFpJiQUPdpOW7T0NAUdDp"));
            Received reply = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(Xml.text(reply.element(), "j:content[@name='0']/ice:transport/@ufrag")).isEqualTo("U55A");
            assertThat(Xml.text(reply.element(), "j:content[@name='0']/ice:transport/@pwd"))
                    .isEqualTo("tvWAFpJiQUPdpOW7T0NAUdDp");
        }
    }

    @Test
    void browserRestartsIce_peerGetsTransportInfoWithNewCredentialsAndItsReplyBecomesAnswer() throws Exception {
        String sid = unique("restart-out");
        try (Browser alice = register("alice"); JinglePeer bob = login("bob")) {
            String callId = establishDirectCall(bob, alice, sid);

            alice.send("type", "offer", "callId", callId, "sdp", Fixtures.withIce(Fixtures.withMid(
                    Fixtures.read("chrome/audio-answer.sdp"), "0").replace("a=setup:active", "a=setup:actpass"),
                    "ueuV", "jCVyO4p22h51J+0IDkRDnoqe"));
            Received restart = bob.awaitJingle("transport-info", sid, STEP);
            assertThat(restart.from()).isEqualTo(alice.jid());
            assertThat(Xml.text(restart.element(), "j:content[@name='0']/ice:transport/@ufrag")).isEqualTo("ueuV");
            assertThat(Xml.text(restart.element(), "j:content[@name='0']/ice:transport/@pwd"))
                    .isEqualTo("jCVyO4p22h51J+0IDkRDnoqe");

            assertResult(bob.sendJingle(alice.jid(), "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='"
                    + sid + "'><content creator='initiator' name='0'><transport"
                    + " xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='U55A' pwd='tvWAFpJiQUPdpOW7T0NAUdDp'/>"
                    + "</content></jingle>"));
            JsonNode answer = alice.await("answer");
            assertThat(answer.path("callId").asText()).isEqualTo(callId);
            assertThat(answer.path("sdp").asText()).contains("a=ice-ufrag:U55A")
                    .contains("a=ice-pwd:tvWAFpJiQUPdpOW7T0NAUdDp");
        }
    }

    // errors on the socket

    @Test
    void frameForUnknownCall_getsErrorAndSocketStaysOpen() throws Exception {
        try (Browser alice = register("alice")) {
            String callId = unique("never-rung");
            alice.send("type", "accept", "callId", callId);
            JsonNode error = alice.ws().await("error", STEP);
            assertThat(error.path("code").asText()).isEqualTo("unknown-call");
            assertThat(error.path("message").asText()).isEqualTo("there is no call \"" + callId
                    + "\" on this connection");

            alice.send("type", "ping");
            alice.await("pong");
            assertThat(alice.ws().isClosed()).isFalse();
        }
    }

    // (i) what XMPP clients see of a browser user

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

    private Browser register(String user) throws Exception {
        return Scenario.register(wsUrl(), DOMAIN, user);
    }

    private JinglePeer login(String user) throws Exception {
        return JinglePeer.login(server(), user, user + "-pw");
    }
}
