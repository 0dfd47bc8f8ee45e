package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.dom4j.Element;
import org.jinglegateway.call.CallWorld.FakeDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

final class CallServiceTest {
    private static final JID ROMEO = new JID("romeo@example.net/Conversations.r0Me");
    private static final String SID = "rSr5h/5/pz8I8cMY26V9aQ";

    private final CallWorld world = new CallWorld();
    private final FakeDevice juliet = world.device("juliet", "web-1");

    @AfterEach
    void close() {
        world.close();
    }

    /** Conversations calls juliet's browser by XEP-0353, up to the browser's answer. */
    private String ringAcceptAndOffer() {
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);
        String callId = juliet.last("ring").get("callId").asText();
        world.frame(juliet, "{\"type\":\"accept\",\"callId\":\"" + callId + "\"}");
        world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);
        return callId;
    }

    @Test
    void proposeToBareJid_ringsTheDeviceAndSendsRinging() {
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);

        ObjectNode ring = juliet.last("ring");
        assertThat(ring.get("from").asText()).isEqualTo(ROMEO.toString());
        assertThat(ring.get("media").toString()).isEqualTo("[\"audio\"]");
        Message ringing = world.lastJmi("ringing");
        assertThat(ringing.getFrom()).isEqualTo(juliet.jid());
        assertThat(ringing.getTo()).isEqualTo(ROMEO);
        assertThat(ringing.getChildElement("ringing", "urn:xmpp:jingle-message:0").attributeValue("id"))
                .isEqualTo(SID);
    }

    @Test
    void acceptedProposal_proceedsThenOffersTheInitiateToTheBrowser() {
        String callId = ringAcceptAndOffer();

        Message proceed = world.lastJmi("proceed");
        assertThat(proceed.getFrom()).isEqualTo(juliet.jid());
        assertThat(proceed.getTo()).isEqualTo(ROMEO);
        ObjectNode offer = juliet.last("offer");
        assertThat(offer.get("callId").asText()).isEqualTo(callId);
        assertThat(offer.get("from").asText()).isEqualTo(ROMEO.toString());
        assertThat(offer.get("sdp").asText()).contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n")
                .contains("a=setup:actpass\r\n").contains("a=mid:0\r\n");
    }

    @Test
    void candidatesBeforeTheBrowserAnswers_areHeldAndFollowTheAnswer() {
        String callId = ringAcceptAndOffer();
        IQ info = world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), SID);

        assertThat(world.replyTo(info).getType()).isEqualTo(IQ.Type.result);
        assertThat(juliet.of("candidate")).as("held until the browser has answered").isEmpty();

        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        IQ accept = world.lastJingle("session-accept");
        assertThat(accept.getTo()).isEqualTo(ROMEO);
        Element fingerprint = accept.getChildElement().element("content").element("transport").element("fingerprint");
        assertThat(fingerprint.attributeValue("setup")).isEqualTo("active");
        assertThat(accept.getChildElement().attributeValue("responder")).isEqualTo(juliet.jid().toString());
        ObjectNode candidate = juliet.last("candidate");
        assertThat(candidate.get("candidate").asText()).startsWith("candidate:3272157172 1 udp 2122194687 192.0.2.2 "
                + "45569 typ host generation 0");
        assertThat(candidate.get("sdpMid").asText()).isEqualTo("0");
        assertThat(candidate.get("sdpMLineIndex").asInt()).isZero();
        assertThat(candidate.get("usernameFragment").asText()).isEqualTo("nG8z");
    }

    @Test
    void browserCandidateAfterTheAnswer_goesOutAsTransportInfo_andTcpIsDropped() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        int before = world.sent.size();

        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":\"candidate:1 1 tcp"
                + " 1518280447 192.0.2.2 9 typ host tcptype active generation 0\",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0,\"usernameFragment\":\"Lf9X\"}");
        assertThat(world.sent).as("XEP-0176 is ICE-UDP; unknown peers get no TCP").hasSize(before);

        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":\"candidate:2 1 udp"
                + " 2122260223 192.0.2.2 50000 typ host generation 0\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
                + "\"usernameFragment\":\"Lf9X\"}");
        IQ info = world.lastJingle("transport-info");
        Element content = info.getChildElement().element("content");
        assertThat(content.attributeValue("name")).isEqualTo("0");
        assertThat(content.element("transport").attributeValue("ufrag")).isEqualTo("Lf9X");
        assertThat(content.element("transport").attributeValue("pwd"))
                .as("the browser's current pwd, as Conversations sends it and Monal checks it")
                .isEqualTo(answerPwd());
        assertThat(content.attributeValue("creator")).isEqualTo("initiator");
        Element c = content.element("transport").element("candidate");
        assertThat(c.attributeValue("ip")).isEqualTo("192.0.2.2");
        assertThat(c.attributeValue("port")).isEqualTo("50000");
    }

    @Test
    void endOfCandidates_sendsNothing() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        int before = world.sent.size();

        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":\"\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");

        assertThat(world.sent).hasSize(before);
        assertThat(juliet.of("error")).isEmpty();
    }

    @Test
    void peerTerminates_browserGetsHangupWithTheReason_finishFollows_andNothingStays() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        IQ terminate = world.iq("modelled/conversations/session-terminate-success.xml", ROMEO, juliet.jid(), SID);

        assertThat(world.replyTo(terminate).getType()).isEqualTo(IQ.Type.result);
        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("success");
        assertThat(world.lastJmi("finish").getTo()).isEqualTo(ROMEO);
        assertThat(world.service.size()).isZero();
    }

    @Test
    void peerTerminatesWithAConditionXep0166DoesNotDefine_browserGetsGeneralError() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        org.dom4j.Element stanza = CallWorld.stanza("modelled/conversations/session-terminate-success.xml",
                ROMEO, juliet.jid(),
                SID);
        org.dom4j.Element reason = stanza.element("jingle").element("reason");
        reason.remove(reason.element("success"));
        reason.addElement("x-made-up-" + callId, "urn:xmpp:jingle:1");

        world.service.onIq(new IQ(stanza, true));

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("general-error");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void peerIceRestartThatCannotBeCarriedToSdp_endsTheCallWithFailedApplication() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        org.dom4j.Element stanza = CallWorld.stanza("modelled/conversations/transport-info-ice-restart.xml", ROMEO,
                juliet.jid(), SID);
        for (org.dom4j.Element content : stanza.element("jingle").elements("content")) {
            content.element("transport").addAttribute("ufrag", "has space");
        }

        world.service.onIq(new IQ(stanza, true));

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("failed-application");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason")
                .element("failed-application")).isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void browserHangsUpActiveCall_sendsSessionTerminateWithItsReason() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        world.frame(juliet, "{\"type\":\"hangup\",\"callId\":\"" + callId + "\",\"reason\":\"busy\"}");

        IQ terminate = world.lastJingle("session-terminate");
        assertThat(terminate.getChildElement().element("reason").element("busy")).isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void retractBeforeAccept_endsTheRingWithCancel() {
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);

        world.message("modelled/conversations/jmi-retract.xml", ROMEO, juliet.jid().asBareJID(), SID);

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("cancel");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void proposeToAUserWithTwoDevices_ringsBoth_andAcceptOnOneEndsTheOther() {
        FakeDevice second = world.device("juliet", "web-2");
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);
        assertThat(second.of("ring")).hasSize(1);

        world.frame(juliet, "{\"type\":\"accept\",\"callId\":\"" + juliet.last("ring").get("callId").asText()
                + "\"}");

        assertThat(second.last("hangup").get("reason").asText()).isEqualTo("cancel");
        assertThat(world.service.size()).isEqualTo(1);
    }

    @Test
    void proposeToAUserWithNoDevice_isRejectedWithGone() {
        world.message("modelled/conversations/jmi-propose-audio.xml",
                ROMEO, new JID("nobody", CallWorld.DOMAIN, null), SID);

        Message reject = world.lastJmi("reject");
        assertThat(reject.getTo()).isEqualTo(ROMEO);
        assertThat(reject.getChildElement("reject", "urn:xmpp:jingle-message:0").element("reason").element("gone"))
                .isNotNull();
    }

    @Test
    void transportInfoForAnUnknownSid_answersItemNotFoundWithUnknownSession() {
        IQ info = world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), "nope");

        IQ reply = world.replyTo(info);
        assertThat(reply.getType()).isEqualTo(IQ.Type.error);
        assertThat(reply.getError().getCondition().toXMPP()).isEqualTo("item-not-found");
        assertThat(reply.getError().getApplicationConditionName()).isEqualTo("unknown-session");
        assertThat(reply.getError().getText()).contains("nope");
    }

    @Test
    void transportInfoFromAnotherJid_answersUnknownSessionAndChangesNothing() {
        String callId = ringAcceptAndOffer();
        IQ info = world.iq("modelled/conversations/transport-info-candidate-01.xml", new JID("romeo@example.net/other"),
                juliet.jid(), SID);

        assertThat(world.replyTo(info).getError().getApplicationConditionName()).isEqualTo("unknown-session");
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        assertThat(juliet.of("candidate")).isEmpty();
    }

    @Test
    void sessionAcceptOnAnIncomingCall_answersOutOfOrder() {
        ringAcceptAndOffer();
        IQ accept = world.iq("modelled/conversations/session-accept-audio.xml", ROMEO, juliet.jid(), SID);

        IQ reply = world.replyTo(accept);
        assertThat(reply.getError().getCondition().toXMPP()).isEqualTo("unexpected-request");
        assertThat(reply.getError().getApplicationConditionName()).isEqualTo("out-of-order");
    }

    @Test
    void directSessionInitiate_offersWithoutRing_andSendsRingingSessionInfo() {
        IQ initiate = world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), "direct1");

        assertThat(world.replyTo(initiate).getType()).isEqualTo(IQ.Type.result);
        assertThat(juliet.of("ring")).isEmpty();
        assertThat(juliet.last("offer").get("sdp").asText()).startsWith("v=0\r\n");
        IQ info = world.lastJingle("session-info");
        assertThat(info.getChildElement().element("ringing").getNamespaceURI())
                .isEqualTo("urn:xmpp:jingle:apps:rtp:info:1");
    }

    @Test
    void initiateWithoutDtls_isAcknowledgedThenTerminatedWithSecurityError() {
        Element iq = CallWorld.stanza("modelled/conversations/session-initiate-audio.xml",
                ROMEO, juliet.jid(), "sdes1");
        Element transport = iq.element("jingle").element("content").element("transport");
        transport.remove(transport.element("fingerprint"));
        IQ request = new IQ(iq, true);

        world.service.onIq(request);

        assertThat(world.replyTo(request).getType()).isEqualTo(IQ.Type.result);
        Element reason = world.lastJingle("session-terminate").getChildElement().element("reason");
        assertThat(reason.element("security-error")).isNotNull();
        assertThat(reason.elementText("text")).startsWith("no DTLS fingerprint (XEP-0320)");
        assertThat(juliet.frames).isEmpty();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void browserCallsBareJid_proposes_thenInitiatesToTheDeviceThatProceeds() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        Message propose = world.lastJmi("propose");
        assertThat(propose.getTo()).isEqualTo(new JID("romeo@example.net"));
        Element p = propose.getChildElement("propose", "urn:xmpp:jingle-message:0");
        String sid = p.attributeValue("id");
        assertThat(p.element("description").attributeValue("media")).isEqualTo("audio");

        world.message("modelled/conversations/jmi-proceed.xml", ROMEO, juliet.jid(), sid);

        IQ initiate = world.lastJingle("session-initiate");
        assertThat(initiate.getTo()).isEqualTo(ROMEO);
        assertThat(initiate.getChildElement().attributeValue("sid")).as("Monal: sid = JMI id").isEqualTo(sid);
        assertThat(initiate.getChildElement().attributeValue("initiator")).isEqualTo(juliet.jid().toString());
    }

    @Test
    void bareJidWhoseOnlyDeviceIsStanzaJs_getsADirectSessionInitiate() {
        JID stanza = new JID("romeo@example.net/stanza1");
        world.service.onPeerCaps(stanza, "https://stanzajs.org");

        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        assertThat(world.sentWhere(p -> p instanceof Message)).as("StanzaJS answers no propose").isEmpty();
        IQ initiate = world.lastJingle("session-initiate");
        assertThat(initiate.getTo()).isEqualTo(stanza);
        world.result(initiate);
        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:1 1 tcp"
                + " 1518280447 192.0.2.2 9 typ host tcptype active generation 0\",\"sdpMid\":\"0\"}");
        Element candidate = world.lastJingle("transport-info").getChildElement().element("content")
                .element("transport").element("candidate");
        assertThat(candidate.attributeValue("protocol")).as("the quirk table keeps TCP for StanzaJS").isEqualTo("tcp");
    }

    @Test
    void browserCandidatesBeforeTheInitiateIsAcknowledged_areHeldThenSent() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        IQ initiate = world.lastJingle("session-initiate");
        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:2 1 udp"
                + " 2122260223 192.0.2.2 50000 typ host generation 0\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        assertThat(world.sentWhere(p -> p instanceof IQ iq && iq.getChildElement() != null
                && "transport-info".equals(iq.getChildElement().attributeValue("action")))).isEmpty();

        world.result(initiate);

        assertThat(world.lastJingle("transport-info").getTo()).isEqualTo(ROMEO);
    }

    @Test
    void resultFromAJidOurIqDidNotGoTo_isNotTakenAsTheAnswer() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        IQ initiate = world.lastJingle("session-initiate");
        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:2 1 udp"
                + " 2122260223 192.0.2.2 50000 typ host generation 0\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        IQ forged = IQ.createResultIQ(initiate);
        forged.setFrom(new org.xmpp.packet.JID("mallory@example.net/x"));

        assertThat(world.service.onIq(forged)).as("left to the component to answer").isFalse();
        assertThat(world.sentWhere(p -> p instanceof IQ iq && iq.getChildElement() != null
                && "transport-info".equals(iq.getChildElement().attributeValue("action")))).isEmpty();

        world.result(initiate);

        assertThat(world.lastJingle("transport-info").getTo()).isEqualTo(ROMEO);
    }

    @Test
    void peerAccepts_browserGetsTheAnswer_thenHeldPeerCandidates() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        String sid = world.lastJingle("session-initiate").getChildElement().attributeValue("sid");
        world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), sid);
        assertThat(juliet.of("candidate")).as("StanzaJS sends candidates before its accept: held").isEmpty();

        IQ accept = world.iq("modelled/conversations/session-accept-audio.xml", ROMEO, juliet.jid(), sid);

        assertThat(world.replyTo(accept).getType()).isEqualTo(IQ.Type.result);
        assertThat(juliet.frames.stream().map(f -> f.get("type").asText()).toList())
                .containsExactly("answer", "candidate");
        assertThat(juliet.last("answer").get("sdp").asText()).doesNotContain("a=setup:actpass");
    }

    @Test
    void peerAcceptsWithoutTheDataChannel_browserGetsThatMlineRejectedNotMissing() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-video-data-offer.sdp")));
        String sid = world.lastJingle("session-initiate").getChildElement().attributeValue("sid");

        world.iq("modelled/conversations/session-accept-audio-video.xml", ROMEO, juliet.jid(), sid);

        String answer = juliet.last("answer").get("sdp").asText();
        assertThat(answer.split("\r\nm=", -1)).as("one m-line per offered m-line").hasSize(4);
        assertThat(answer).contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n");
    }

    @Test
    void sessionInitiateRefused_endsTheBrowserCallWithTheCondition() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        IQ initiate = world.lastJingle("session-initiate");
        IQ error = IQ.createResultIQ(initiate);
        error.setError(org.xmpp.packet.PacketError.Condition.service_unavailable);

        world.service.onIq(error);

        ObjectNode hangup = juliet.last("hangup");
        assertThat(hangup.get("reason").asText()).isEqualTo("failed-application");
        assertThat(hangup.get("text").asText()).contains("service-unavailable");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void hangupBeforeProceed_retractsTheProposal() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        world.frame(juliet, "{\"type\":\"hangup\",\"callId\":\"c1\"}");

        Element retract = world.lastJmi("retract").getChildElement("retract", "urn:xmpp:jingle-message:0");
        assertThat(retract.element("reason").element("cancel")).isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void rejectFromThePeer_endsTheBrowserCallWithDecline() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));
        String sid = world.lastJmi("propose").getChildElement("propose", "urn:xmpp:jingle-message:0")
                .attributeValue("id");

        world.message("modelled/conversations/jmi-reject.xml", ROMEO, juliet.jid(), sid);

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("decline");
    }

    @Test
    void bouncedPropose_endsTheBrowserCallWithTheCondition() {
        world.frame(juliet, call("c1", "nobody@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));
        Message propose = world.lastJmi("propose");
        Message bounce = propose.createCopy();
        bounce.setFrom(propose.getTo());
        bounce.setTo(propose.getFrom());
        bounce.setError(org.xmpp.packet.PacketError.Condition.service_unavailable);

        world.service.onMessage(bounce);

        assertThat(juliet.last("hangup").get("text").asText()).isEqualTo("the XMPP server could not deliver the call"
                + " to nobody@example.net: service-unavailable");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void badSdpInACall_answersBadSdpWithTheLine_andKeepsNothing() {
        world.frame(juliet, call("c1", "romeo@example.net", "v=0\r\nbogus\r\n"));

        ObjectNode error = juliet.last("error");
        assertThat(error.get("code").asText()).isEqualTo("bad-sdp");
        assertThat(error.get("message").asText()).startsWith("SDP line 2");
        assertThat(world.service.size()).isZero();
        assertThat(world.sent).isEmpty();
    }

    @Test
    void frameForAnUnknownCall_answersUnknownCall() {
        world.frame(juliet, "{\"type\":\"hangup\",\"callId\":\"zzz\"}");

        assertThat(juliet.last("error").get("code").asText()).isEqualTo("unknown-call");
    }

    @Test
    void answerWithoutSdpForAnUnknownCall_answersUnknownCallFirst() {
        world.frame(juliet, "{\"type\":\"answer\",\"callId\":\"zzz\"}");

        assertThat(juliet.frames).singleElement().satisfies(f -> assertThat(f.toString()).isEqualTo(
                "{\"type\":\"error\",\"callId\":\"zzz\",\"code\":\"unknown-call\",\"message\":\"there is no call"
                + " \\\"zzz\\\" on this connection\"}"));
    }

    @Test
    void callWithADuplicateIdAndABadJid_answersDuplicateCallFirst() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        world.frame(juliet, call("c1", "a b@example.net", "v=0"));

        assertThat(juliet.last("error").get("code").asText()).isEqualTo("duplicate-call");
    }

    @Test
    void hangupWithANonXepReason_isRefusedAndTheCallGoesOn() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        world.frame(juliet, "{\"type\":\"hangup\",\"callId\":\"c1\",\"reason\":\"bored\"}");

        assertThat(juliet.last("error").get("message").asText()).startsWith("\"bored\" is not an XEP-0166 reason");
        assertThat(world.service.size()).isEqualTo(1);
    }

    @Test
    void deviceGoneDuringACall_terminatesWithGone() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        world.service.deviceGone(juliet);

        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason").element("gone"))
                .isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void peerGoesOffline_browserGetsHangupGone() {
        ringAcceptAndOffer();

        world.service.onPeerUnavailable(ROMEO);

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("gone");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void xmppLinkDrops_callsGoOnWithinTheResumeWindow_andAfterTheLinkReturns() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        world.service.setLinkResume(Duration.ofSeconds(30));

        world.service.onXmppDown();
        world.timers.advance(Duration.ofSeconds(29));
        world.service.onXmppUp();
        world.timers.advance(Duration.ofMinutes(5));

        assertThat(juliet.of("hangup")).isEmpty();
        assertThat(world.service.size()).isEqualTo(1);
    }

    @Test
    void xmppLinkDownLongerThanTheResumeWindow_bothSidesEndWithConnectivityError() {
        ringAcceptAndOffer();
        world.service.setLinkResume(Duration.ofSeconds(30));

        world.service.onXmppDown();
        world.timers.advance(Duration.ofSeconds(30));

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("connectivity-error");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason")
                .element("connectivity-error")).as("the session-terminate waits for the link with this reason")
                .isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void heldStanzasOverflow_callsEndAtOnce() {
        ringAcceptAndOffer();

        world.service.onXmppDown();
        world.service.onHeldOverflow();

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("connectivity-error");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void crossingSessionInitiates_lowerSidWins() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        String ours = world.lastJingle("session-initiate").getChildElement().attributeValue("sid");
        String theirs = ours.compareTo("m") < 0 ? "zzzz" : "0000";

        IQ crossing = world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), theirs);

        if (ours.compareTo(theirs) < 0) {
            assertThat(world.replyTo(crossing).getError().getApplicationConditionName()).isEqualTo("tie-break");
            assertThat(juliet.of("offer")).isEmpty();
        } else {
            assertThat(world.replyTo(crossing).getType()).isEqualTo(IQ.Type.result);
            assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("alternative-session");
            assertThat(juliet.of("offer")).hasSize(1);
        }
    }

    @Test
    void unansweredCall_timesOutWithRetractAndHangup() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-offer.sdp")));

        world.timers.advance(Duration.ofSeconds(59));
        assertThat(juliet.of("hangup")).as("the ring timeout is 60 s").isEmpty();
        world.timers.advance(Duration.ofSeconds(1));

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("timeout");
        assertThat(juliet.last("hangup").get("text").asText()).isEqualTo("nobody answered within 60 s");
        assertThat(world.lastJmi("retract").getChildElement("retract", "urn:xmpp:jingle-message:0")
                .element("reason").element("timeout")).isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void answeredCall_cancelsItsRingTimer() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        world.timers.advance(Duration.ofMinutes(5));

        assertThat(world.timers.pending()).isZero();
        assertThat(juliet.of("hangup")).isEmpty();
        assertThat(world.service.size()).isEqualTo(1);
    }

    @Test
    void browserIceRestart_goesOutAsTransportInfoWithNewCredentials_andThePeersReplyBecomesTheAnswer() {
        String sid = activeCallToRomeo();

        browserRestartsIce();

        IQ restart = world.lastJingle("transport-info");
        Element transport = restart.getChildElement().element("content").element("transport");
        assertThat(transport.elements("candidate")).isEmpty();
        assertThat(transport.attributeValue("ufrag")).isNotBlank();

        world.result(restart);
        world.iq("modelled/conversations/transport-info-ice-restart.xml", ROMEO, juliet.jid(), sid);

        String answer = juliet.last("answer").get("sdp").asText();
        assertThat(juliet.of("answer")).hasSize(2);
        assertThat(answer).contains("a=ice-ufrag:" + restartUfrag()).doesNotContain("a=setup:actpass");
    }

    @Test
    void browserOfferWithNewUfragsAndFewerMediaSections_isNotAnIceRestartButNotSupported() {
        String sid = activeCallToRomeo();
        int sentBefore = world.sent.size();
        String restart = CallWorld.fixture("chrome/ice-restart-offer.sdp");
        String firstSectionOnly = restart.substring(0, restart.indexOf("\r\nm=", restart.indexOf("\r\nm=") + 1) + 2);

        world.frame(juliet, "{\"type\":\"offer\",\"callId\":\"c1\",\"sdp\":"
                + CallWorld.JSON.valueToTree(firstSectionOnly) + "}");

        assertThat(juliet.last("error").get("code").asText()).isEqualTo("not-supported");
        assertThat(world.sent).hasSize(sentBefore);
    }

    @Test
    void crossingIceRestartsAsInitiator_thePeersRestartGetsTieBreak() {
        String sid = activeCallToRomeo();
        browserRestartsIce();

        IQ theirs = world.iq("modelled/conversations/transport-info-ice-restart.xml", ROMEO, juliet.jid(), sid);

        assertThat(world.replyTo(theirs).getError().getApplicationConditionName()).isEqualTo("tie-break");
        assertThat(juliet.of("answer")).as("the browser still waits for the answer to its own restart").hasSize(1);
    }

    @Test
    void peerAnswersTheBrowsersRestartBeforeItsResult_theAnswerIsTaken_notRefusedAsGlare() {
        String sid = activeCallToRomeo();
        browserRestartsIce();
        IQ ours = world.lastJingle("transport-info");

        // StanzaJS's way: its answer (fingerprint with the answerer's role) comes before its result for ours
        org.dom4j.Element answer = CallWorld.stanza("modelled/conversations/transport-info-ice-restart.xml", ROMEO,
                juliet.jid(), sid);
        for (Object content : answer.element("jingle").elements("content")) {
            ((Element) content).element("transport").addElement("fingerprint", "urn:xmpp:jingle:apps:dtls:0")
                    .addAttribute("hash", "sha-256").addAttribute("setup", "active")
                    .setText("DF:24:13:7D:67:F3:8F:42:C2:C1:D1:D0:3F:04:B6:5A:F0:24:93:C7:7B:3D:17:3C:4F:CF:44:1F:D0"
                            + ":2F:B9:8E");
        }
        IQ theirs = new IQ(answer, true);
        world.service.onIq(theirs);
        world.result(ours);

        assertThat(world.replyTo(theirs).getType()).isEqualTo(IQ.Type.result);
        assertThat(juliet.of("answer")).as("the session's answer, then the restart's").hasSize(2);
        assertThat(juliet.last("answer").get("sdp").asText()).contains("a=ice-ufrag:" + restartUfrag());
    }

    @Test
    void candidateAcknowledgedAfterTheBrowsersRestart_doesNotCountAsThePeerHavingSeenTheRestart() {
        String sid = activeCallToRomeo();
        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:2 1 udp"
                + " 2122260223 192.0.2.2 50000 typ host generation 0\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
        IQ candidateInfo = world.lastJingle("transport-info");
        browserRestartsIce();
        world.result(candidateInfo);

        IQ theirs = world.iq("modelled/conversations/transport-info-ice-restart.xml", ROMEO, juliet.jid(), sid);

        assertThat(world.replyTo(theirs).getError().getApplicationConditionName()).isEqualTo("tie-break");
    }

    @Test
    void crossingIceRestartsAsResponder_losingTheTieBreakSendsOurCredentialsAsTheAnswer() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));
        String restartOffer = CallWorld.fixture("chrome/audio-answer.sdp").replace("a=ice-ufrag:Lf9X",
                "a=ice-ufrag:N3w1").replace("a=setup:active", "a=setup:actpass");
        world.frame(juliet, "{\"type\":\"offer\",\"callId\":\"" + callId + "\",\"sdp\":"
                + CallWorld.JSON.valueToTree(restartOffer) + "}");
        IQ ours = world.lastJingle("transport-info");
        // the peer (initiator) restarted at the same moment: its restart arrives, then its tie-break error for ours
        world.iq("modelled/conversations/transport-info-ice-restart.xml", ROMEO, juliet.jid(), SID);
        IQ tieBreak = IQ.createResultIQ(ours);
        tieBreak.setError(new org.xmpp.packet.PacketError(org.xmpp.packet.PacketError.Condition.conflict));
        tieBreak.getError().setApplicationCondition("tie-break", "urn:xmpp:jingle:errors:1");
        int before = world.sent.size();

        world.service.onIq(tieBreak);

        IQ resent = world.lastJingle("transport-info");
        assertThat(world.sent).hasSize(before + 1);
        assertThat(resent.getID()).isNotEqualTo(ours.getID());
        assertThat(resent.getChildElement().element("content").element("transport").attributeValue("ufrag"))
                .isEqualTo(ours.getChildElement().element("content").element("transport").attributeValue("ufrag"));
        assertThat(juliet.of("answer")).as("the peer's restart answered the browser's offer").hasSize(1);
    }

    @Test
    void peerIceRestart_becomesAnOfferToTheBrowser_andTheBrowsersAnswerGoesBackAsTransportInfo() {
        String callId = ringAcceptAndOffer();
        world.frame(juliet, answer(callId, CallWorld.fixture("chrome/audio-answer.sdp")));

        world.iq("modelled/conversations/transport-info-ice-restart.xml", ROMEO, juliet.jid(), SID);

        String offer = juliet.last("offer").get("sdp").asText();
        assertThat(juliet.of("offer")).hasSize(2);
        assertThat(offer).contains("a=ice-ufrag:" + restartUfrag()).contains("a=setup:passive");

        String restarted = CallWorld.fixture("chrome/audio-answer.sdp").replace("a=ice-ufrag:Lf9X",
                "a=ice-ufrag:NEW1");
        world.frame(juliet, answer(callId, restarted));

        Element transport = world.lastJingle("transport-info").getChildElement().element("content")
                .element("transport");
        assertThat(transport.attributeValue("ufrag")).isEqualTo("NEW1");
    }

    @Test
    void twoBrowserUsersOnTheGatewayDomain_callEachOtherThroughTheLoopback() {
        try (CallWorld local = new CallWorld(Duration.ofSeconds(60), true)) {
            FakeDevice alice = local.device("alice", "web-a");
            FakeDevice carol = local.device("carol", "web-c");

            local.frame(alice, call("c1", "carol@" + CallWorld.DOMAIN, CallWorld.fixture("chrome/audio-offer.sdp")));
            String carolCall = carol.last("ring").get("callId").asText();
            assertThat(alice.of("ringing")).hasSize(1);
            local.frame(carol, "{\"type\":\"accept\",\"callId\":\"" + carolCall + "\"}");
            assertThat(carol.last("offer").get("sdp").asText()).contains("m=audio");
            local.frame(carol, answer(carolCall, CallWorld.fixture("chrome/audio-answer.sdp")));
            assertThat(alice.last("answer").get("sdp").asText()).contains("a=setup:active");
            local.frame(carol, "{\"type\":\"candidate\",\"callId\":\"" + carolCall + "\",\"candidate\":\"candidate:2"
                    + " 1 udp 2122260223 192.0.2.9 50000 typ host generation 0\",\"sdpMid\":\"0\","
                    + "\"sdpMLineIndex\":0}");
            assertThat(alice.last("candidate").get("candidate").asText()).contains("192.0.2.9 50000");

            local.frame(alice, "{\"type\":\"hangup\",\"callId\":\"c1\",\"reason\":\"success\"}");

            assertThat(carol.last("hangup").get("reason").asText()).isEqualTo("success");
            assertThat(local.service.size()).isZero();
        }
    }

    private static String answerPwd() {
        String sdp = CallWorld.fixture("chrome/audio-answer.sdp");
        int i = sdp.indexOf("a=ice-pwd:") + 10;
        return sdp.substring(i, sdp.indexOf('\r', i));
    }

    /** Juliet's browser calls Romeo (Conversations), who accepts: the call is active; returns its sid. */
    private String activeCallToRomeo() {
        world.frame(juliet, call("c1", ROMEO.toString(), CallWorld.fixture("chrome/ice-restart-initial-offer.sdp")));
        String sid = world.lastJingle("session-initiate").getChildElement().attributeValue("sid");
        world.result(world.lastJingle("session-initiate"));
        world.iq("modelled/conversations/session-accept-audio.xml", ROMEO, juliet.jid(), sid);
        return sid;
    }

    private void browserRestartsIce() {
        world.frame(juliet, "{\"type\":\"offer\",\"callId\":\"c1\",\"sdp\":"
                + CallWorld.JSON.valueToTree(CallWorld.fixture("chrome/ice-restart-offer.sdp")) + "}");
    }

    private static String restartUfrag() {
        String xml = CallWorld.fixture("modelled/conversations/transport-info-ice-restart.xml");
        int i = xml.indexOf("ufrag=\"") + 7;
        return xml.substring(i, xml.indexOf('"', i));
    }

    private static ObjectNode call(String callId, String to, String sdp) {
        return CallWorld.JSON.createObjectNode().put("type", "call").put("callId", callId).put("to", to)
                .put("sdp", sdp);
    }

    private static ObjectNode answer(String callId, String sdp) {
        return CallWorld.JSON.createObjectNode().put("type", "answer").put("callId", callId).put("sdp", sdp);
    }

    static List<String> types(FakeDevice d) {
        return d.frames.stream().map(f -> f.get("type").asText()).toList();
    }
}
