package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dom4j.Element;
import org.jinglegateway.call.CallWorld.FakeDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * What real clients do that the call layer must meet (docs/calls.md): peers that do not bundle (Dino), data
 * channels only to peers that list XEP-0343 (Conversations has none and checks its propose against the
 * session-initiate), and no description without a DTLS fingerprint on any path.
 */
final class RealClientHabitsTest {
    private static final JID DINO = new JID("romeo@example.net/dino.e1b2c3d4");
    private static final JID CONVERSATIONS = new JID("romeo@example.net/Conversations.r0Me");
    private static final String SID = "c178f9e2-13b0-4547-8453-60a0645a8cec";
    private static final String FINGERPRINT = "(?s)<fingerprint[^>]*>[^<]*</fingerprint>";

    private final CallWorld world = new CallWorld();
    private final FakeDevice juliet = world.device("juliet", "web-1");

    @AfterEach
    void close() {
        world.close();
    }

    /** Chromium's answer to Dino's offer when it has no BUNDLE to follow: each m-line its own ufrag. */
    private static String unbundledAnswer() {
        String answer = CallWorld.fixture("chrome/audio-video-answer.sdp").replaceAll("a=group:BUNDLE[^\r\n]*\r\n", "")
                .replace("a=mid:0", "a=mid:audio").replace("a=mid:1", "a=mid:video");
        int video = answer.indexOf("m=video");
        return answer.substring(0, video) + answer.substring(video).replaceFirst("a=ice-ufrag:\\S+",
                "a=ice-ufrag:vid1").replaceFirst("a=ice-pwd:\\S+", "a=ice-pwd:videopasswordvideopassword");
    }

    @Test
    void dinoCallsWithVideo_browserGetsNoBundle_andEachCandidateGoesToItsContent() {
        world.iq("modelled/dino/session-initiate-audio-video.xml", DINO, juliet.jid(), SID);

        ObjectNode offer = juliet.last("offer");
        String sdp = offer.get("sdp").asText();
        assertThat(sdp).as("Dino does not bundle, so neither may the browser").doesNotContain("a=group:BUNDLE");
        assertThat(sdp).contains("a=ice-ufrag:BUiu", "a=ice-ufrag:SNCu");
        String callId = offer.get("callId").asText();

        world.frame(juliet, CallWorld.JSON.createObjectNode().put("type", "answer").put("callId", callId)
                .put("sdp", unbundledAnswer()));
        Element accept = world.lastJingle("session-accept").getChildElement();
        assertThat(accept.element("group")).as("no BUNDLE group back to Dino").isNull();
        List<String> ufrags = accept.elements("content").stream().map(c -> c.element("transport")
                .attributeValue("ufrag")).toList();
        assertThat(ufrags).as("one ufrag per content").containsExactly("+qNt", "vid1");

        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":\"candidate:1 1"
                + " UDP 2122260223 192.0.2.2 50001 typ host ufrag vid1\",\"sdpMid\":\"video\",\"sdpMLineIndex\":1}");
        Element content = world.lastJingle("transport-info").getChildElement().element("content");
        assertThat(content.attributeValue("name")).isEqualTo("video");
        assertThat(content.element("transport").attributeValue("ufrag")).isEqualTo("vid1");
        assertThat(content.element("transport").attributeValue("pwd")).isEqualTo("videopasswordvideopassword");
        Element candidate = content.element("transport").element("candidate");
        assertThat(candidate.attributeValue("protocol")).isEqualTo("udp");
        assertThat(candidate.attribute("ufrag")).as("XEP-0176 has the ufrag on the transport only").isNull();

        world.iq("modelled/dino/transport-info-candidate.xml", DINO, juliet.jid(), SID);
        assertThat(juliet.last("candidate").get("sdpMid").asText()).isEqualTo("audio");
        assertThat(juliet.last("candidate").get("sdpMLineIndex").asInt()).isZero();
        String video = CallWorld.stanza("modelled/dino/transport-info-candidate.xml", DINO, juliet.jid(), SID).asXML()
                .replace("name=\"audio\"", "name=\"video\"").replace("ufrag=\"BUiu\"", "ufrag=\"SNCu\"");
        world.service.onIq(new IQ(parse(video), true));
        assertThat(juliet.last("candidate").get("sdpMid").asText()).as("each content's candidates on its own m-line")
                .isEqualTo("video");
        assertThat(juliet.last("candidate").get("sdpMLineIndex").asInt()).isEqualTo(1);
    }

    @Test
    void conversationsProceeds_itsSessionInitiateHasThePropose_sMediaAndNoDataChannel() {
        world.frame(juliet, call("c1", "romeo@example.net", CallWorld.fixture("chrome/audio-video-data-offer.sdp")));
        Element propose = world.lastJmi("propose").getChildElement("propose", "urn:xmpp:jingle-message:0");
        List<String> proposed = propose.elements("description").stream().map(d -> d.attributeValue("media"))
                .toList();
        assertThat(proposed).containsExactly("audio", "video");

        world.message("modelled/conversations/jmi-proceed.xml",
                CONVERSATIONS, juliet.jid(), propose.attributeValue("id"));

        IQ initiate = world.lastJingle("session-initiate");
        List<String> media = initiate.getChildElement().elements("content").stream().map(c -> c.element(
                "description") == null ? "unknown" : c.element("description").attributeValue("media")).toList();
        assertThat(media).as("Conversations ends a call whose initiate differs from its propose").isEqualTo(proposed);
        assertThat(initiate.getChildElement().element("group").elements("content")).hasSize(2);
        world.result(initiate);
        int before = world.sentWhere(p -> true).size();
        world.frame(juliet, "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:2 1 udp"
                + " 2122260223 192.0.2.2 50002 typ host generation 0\",\"sdpMid\":\"2\",\"sdpMLineIndex\":2}");
        assertThat(world.sentWhere(p -> true)).as("no candidate for the data channel the peer never got")
                .hasSize(before);

        world.iq("modelled/conversations/session-accept-audio-video.xml", CONVERSATIONS, juliet.jid(),
                initiate.getChildElement().attributeValue("sid"));
        assertThat(juliet.last("answer").get("sdp").asText())
                .contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n");
    }

    @Test
    void stanzaJsListsXep0343_keepsTheDataChannel() {
        JID stanza = new JID("romeo@example.net/stanza1");
        world.service.onPeerCaps(stanza, "https://stanzajs.org");

        world.frame(juliet, call("c1", stanza.toString(), CallWorld.fixture("chrome/audio-video-data-offer.sdp")));

        assertThat(world.lastJingle("session-initiate").getChildElement().elements("content")).hasSize(3);
    }

    @Test
    void peerWhoseDiscoInfoListsXep0343_getsTheDataChannel_whateverItsRowGuesses() {
        IQ question = askedForFeatures(CONVERSATIONS, "http://conversations.im");
        assertThat(question.getTo()).isEqualTo(CONVERSATIONS);
        assertThat(question.getChildElement().attributeValue("node")).isEqualTo("http://conversations.im#" + VER);

        assertThat(world.service.onIq(featuresReply(question, PeerDirectory.DATA_CHANNELS))).isTrue();
        world.frame(juliet, call("c1", CONVERSATIONS.toString(),
                CallWorld.fixture("chrome/audio-video-data-offer.sdp")));

        assertThat(world.lastJingle("session-initiate").getChildElement().elements("content")).hasSize(3);
    }

    @Test
    void peerWhoseDiscoInfoLacksXep0343_getsNoDataChannel_whateverItsRowGuesses() {
        JID stanza = new JID("romeo@example.net/stanza1");
        IQ question = askedForFeatures(stanza, "https://stanzajs.org");

        world.service.onIq(featuresReply(question, "urn:xmpp:jingle:1"));
        world.frame(juliet, call("c1", stanza.toString(), CallWorld.fixture("chrome/audio-video-data-offer.sdp")));

        assertThat(world.lastJingle("session-initiate").getChildElement().elements("content")).hasSize(2);
    }

    @Test
    void sameCapsHashAgain_isAskedOnce_andAnAnswerFromAnotherJidIsNotTaken() {
        IQ question = askedForFeatures(CONVERSATIONS, "http://conversations.im");
        world.service.onPeerCaps(CONVERSATIONS, juliet.jid().asBareJID(), "http://conversations.im", VER);
        assertThat(world.sentWhere(p -> p instanceof IQ iq && iq.getType() == IQ.Type.get)).hasSize(1);

        IQ forged = featuresReply(question, PeerDirectory.DATA_CHANNELS);
        forged.setFrom(new JID("mallory@example.net/x"));
        assertThat(world.service.onIq(forged)).isFalse();
        world.frame(juliet, call("c1", CONVERSATIONS.toString(),
                CallWorld.fixture("chrome/audio-video-data-offer.sdp")));

        assertThat(world.lastJingle("session-initiate").getChildElement().elements("content")).hasSize(2);
    }

    private static final String VER = "q07IKJEyjvHSyhy//CH0CxmKi8w=";

    private IQ askedForFeatures(JID peer, String node) {
        world.service.onPeerCaps(peer, juliet.jid().asBareJID(), node, VER);
        List<org.xmpp.packet.Packet> asked = world.sentWhere(p -> p instanceof IQ iq && iq.getType() == IQ.Type.get);
        assertThat(asked).hasSize(1);
        return (IQ) asked.get(0);
    }

    private static IQ featuresReply(IQ question, String... features) {
        IQ reply = IQ.createResultIQ(question);
        Element query = reply.setChildElement("query", PeerDirectory.DISCO_INFO);
        query.addAttribute("node", question.getChildElement().attributeValue("node"));
        for (String f : features) {
            query.addElement("feature").addAttribute("var", f);
        }
        return reply;
    }

    @Test
    void dataChannelAloneToAPeerWithoutXep0343_isRefusedAtOnce() {
        world.frame(juliet, call("c1", CONVERSATIONS.toString(), CallWorld.fixture("chrome/data-offer.sdp")));

        ObjectNode error = juliet.last("error");
        assertThat(error.get("code").asText()).isEqualTo("not-supported");
        assertThat(error.get("message").asText()).contains("does not list XEP-0343");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void sessionAcceptWithoutAFingerprint_endsBothSidesWithSecurityError() {
        world.frame(juliet, call("c1", CONVERSATIONS.toString(), CallWorld.fixture("chrome/audio-offer.sdp")));
        IQ initiate = world.lastJingle("session-initiate");
        Element accept = CallWorld.stanza("modelled/conversations/session-accept-audio.xml",
                CONVERSATIONS, juliet.jid(),
                initiate.getChildElement().attributeValue("sid"));
        String stripped = accept.asXML().replaceAll(FINGERPRINT, "");

        world.service.onIq(new IQ(parse(stripped), true));

        Element terminate = world.lastJingle("session-terminate").getChildElement();
        assertThat(terminate.element("reason").element("security-error")).isNotNull();
        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("security-error");
        assertThat(juliet.last("hangup").get("text").asText()).startsWith("no DTLS fingerprint (XEP-0320) in the"
                + " session-accept");
        assertThat(juliet.frames.stream().map(f -> f.get("type").asText())).doesNotContain("answer");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void contentAddWithoutAFingerprint_isRejectedWithSecurityError() {
        world.iq("modelled/dino/session-initiate-audio.xml", DINO, juliet.jid(), SID);
        String add = CallWorld.stanza("modelled/dino/session-initiate-audio.xml", DINO, juliet.jid(), SID).asXML()
                .replace("session-initiate", "content-add").replaceAll(FINGERPRINT, "");

        world.service.onIq(new IQ(parse(add), true));

        Element reject = world.lastJingle("content-reject").getChildElement();
        assertThat(reject.element("reason").element("security-error")).isNotNull();
    }

    @Test
    void unbundledPeerAnsweringAMaxBundlePage_endsWithIncompatibleParameters() {
        String offer = CallWorld.fixture("chrome/audio-video-offer.sdp");
        int video = offer.indexOf("m=video");
        offer = offer.substring(0, video) + offer.substring(video).replaceFirst("\r\n", "\r\na=bundle-only\r\n");
        world.frame(juliet, call("c1", DINO.toString(), offer));
        IQ initiate = world.lastJingle("session-initiate");
        String accept = CallWorld.stanza("modelled/dino/session-initiate-audio-video.xml", DINO, juliet.jid(),
                initiate.getChildElement().attributeValue("sid")).asXML().replace("session-initiate", "session-accept")
                .replace("name=\"audio\"", "name=\"0\"").replace("name=\"video\"", "name=\"1\"")
                .replace("actpass", "active");

        world.service.onIq(new IQ(parse(accept), true));

        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("incompatible-parameters");
        assertThat(juliet.last("hangup").get("text").asText()).contains("use bundlePolicy balanced");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason")
                .element("incompatible-parameters")).isNotNull();
    }

    private static Element parse(String xml) {
        try {
            return org.dom4j.DocumentHelper.parseText(xml).getRootElement();
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode call(String callId, String to, String sdp) {
        return CallWorld.JSON.createObjectNode().put("type", "call").put("callId", callId).put("to", to)
                .put("sdp", sdp);
    }
}
