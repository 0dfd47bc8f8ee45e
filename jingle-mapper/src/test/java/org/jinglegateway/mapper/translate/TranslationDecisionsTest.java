package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleParseException;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per mapping decision recorded in docs/mapping.md. */
final class TranslationDecisionsTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111 126\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:uf\r\na=ice-pwd:pwpwpwpwpwpwpwpwpwpwpw\r\n"
            + "a=fingerprint:sha-256 AB:CD\r\na=mid:0\r\n";
    private static final String CODECS = "a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;"
            + "useinbandfec=1\r\na=rtpmap:126 telephone-event/8000\r\na=fmtp:126 0-15\r\n";

    private static Jingle offer(String sdp) {
        return SdpToJingle.translate(SdpParser.parse(sdp).value(), SdpToJingle.Request.offer("s1")).value();
    }

    private static String jingle(String contentBody) {
        return "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'><content creator='initiator'"
                + " name='a'>" + contentBody + "</content></jingle>";
    }

    private static final String DESCRIPTION = "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
            + "<payload-type id='111' name='opus' clockrate='48000' channels='2'/></description>";

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @CsvSource({"SENDRECV,INITIATOR,BOTH", "SENDONLY,INITIATOR,INITIATOR", "RECVONLY,INITIATOR,RESPONDER",
        "INACTIVE,INITIATOR,NONE", "SENDRECV,RESPONDER,BOTH", "SENDONLY,RESPONDER,RESPONDER",
        "RECVONLY,RESPONDER,INITIATOR", "INACTIVE,RESPONDER,NONE"})
    void sendersTable_isRoleAwareBothWays(Direction direction, Role writer, Senders senders) {
        assertThat(SendersTable.senders(writer, direction)).isEqualTo(senders);
        assertThat(SendersTable.direction(writer, senders)).isEqualTo(direction);
    }

    @Test
    void answerRecvonly_becomesSendersInitiator() {
        String sdp = HEAD + AUDIO + "a=setup:active\r\na=recvonly\r\n" + CODECS;
        Jingle j = SdpToJingle.translate(SdpParser.parse(sdp).value(), SdpToJingle.Request.answer("s1")).value();
        assertThat(j.contents().get(0).senders()).contains(Senders.INITIATOR);
    }

    @Test
    void firefoxExtmapDirection_becomesHdrextSendersAndBack() {
        String sdp = HEAD + AUDIO + "a=setup:actpass\r\na=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level"
                + "\r\n" + CODECS;
        Jingle j = offer(sdp);
        assertThat(j.contents().get(0).description().orElseThrow().headerExtensions().get(0).senders())
                .contains(Senders.RESPONDER);
        SessionDescription back = JingleToSdp.translate(j, Role.INITIATOR).value();
        assertThat(back.media().get(0).all("extmap", v -> v))
                .containsExactly("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    }

    @Test
    void valueOnlyFmtp_survivesBothWays() {
        Jingle j = offer(HEAD + AUDIO + "a=setup:actpass\r\n" + CODECS);
        assertThat(j.contents().get(0).description().orElseThrow().payloadTypes().get(1).parameters())
                .containsExactly(org.jinglegateway.mapper.jingle.Parameter.of("", "0-15"));
        MediaDescription m = JingleToSdp.translate(j, Role.INITIATOR).value().media().get(0);
        assertThat(m.all("fmtp", v -> v)).containsExactly("111 minptime=10;useinbandfec=1", "126 0-15");
    }

    @Test
    void stanzaJsValueOnlyParameter_isAValueOnlyToken() {
        Jingle j = JingleReader.read(jingle("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + "<payload-type id='63' name='red' clockrate='48000' channels='2'><parameter name='111/111'/>"
                + "</payload-type></description><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>"));
        assertThat(JingleToSdp.translate(j, Role.INITIATOR).value().media().get(0).all("fmtp", v -> v))
                .containsExactly("63 111/111");
    }

    @Test
    void missingSetup_defaultsToActpassInOffersAndActiveInAnswers() {
        Parsed<Jingle> offer = SdpToJingle.translate(SdpParser.parse(HEAD + AUDIO + CODECS).value(),
                SdpToJingle.Request.offer("s1"));
        assertThat(offer.value().contents().get(0).transport().orElseThrow().fingerprints().get(0).setup())
                .contains("actpass");
        assertThat(offer.notes()).extracting(MappingNote::kind).contains(MappingNote.Kind.DEFAULTED);
        Parsed<Jingle> answer = SdpToJingle.translate(SdpParser.parse(HEAD + AUDIO + CODECS).value(),
                SdpToJingle.Request.answer("s1"));
        assertThat(answer.value().contents().get(0).transport().orElseThrow().fingerprints().get(0).setup())
                .contains("active");
    }

    @Test
    void actpassInAnAnswer_becomesActiveWithANote() {
        Jingle j = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                + "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>AB:CD</fingerprint>"
                + "</transport>").replace("session-initiate", "session-accept"));
        Parsed<SessionDescription> sdp = JingleToSdp.translate(j, Role.RESPONDER);
        assertThat(sdp.value().media().get(0).value("setup")).contains("active");
        assertThat(sdp.notes()).extracting(MappingNote::kind).contains(MappingNote.Kind.APPROXIMATED);
    }

    @Test
    void missingGroup_leavesEachContentItsOwnTransport() {
        Jingle dino = JingleReader.read(org.jinglegateway.mapper.Fixtures.read(
                "modelled/dino/session-initiate-audio-video.xml"));
        Parsed<SessionDescription> sdp = JingleToSdp.translate(dino, Role.INITIATOR);
        assertThat(sdp.value().value("group")).as("Dino does not bundle: neither may the browser").isEmpty();
        assertThat(sdp.value().media()).extracting(m -> m.value("ice-ufrag").orElseThrow())
                .as("each m-line its own credentials").doesNotHaveDuplicates().hasSize(2);
        assertThat(sdp.notes()).extracting(MappingNote::text)
                .contains("no XEP-0338 group: each content keeps its own transport (no a=group:BUNDLE)");
    }

    @Test
    void longOrSpacedContentName_neverBecomesTheMid() {
        Jingle j = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>")
                .replace("name='a'", "name='a name that is far too long'"));
        SessionDescription sdp = JingleToSdp.translate(j, Role.INITIATOR).value();
        assertThat(sdp.media().get(0).mid()).contains("c0");
        Jingle grouped = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:"
                + "ice-udp:1'/>").replace("name='a'", "name='a name that is far too long'").replace("</jingle>",
                "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='a name that is far"
                + " too long'/></group></jingle>"));
        assertThat(JingleToSdp.translate(grouped, Role.INITIATOR).value().value("group")).contains("BUNDLE c0");
    }

    @Test
    void generatedMid_neverCollidesWithAContentName() {
        String second = "<content creator='initiator' name='c0'>" + DESCRIPTION
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>";
        Jingle j = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>")
                .replace("name='a'", "name='a name that is far too long'").replace("</jingle>", second + "</jingle>"));
        SessionDescription sdp = JingleToSdp.translate(j, Role.INITIATOR).value();
        assertThat(sdp.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("c0-1", "c0");
    }

    @Test
    void duplicateContentNames_areRefused() {
        String again = "<content creator='initiator' name='a'>" + DESCRIPTION
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>";
        Jingle j = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>")
                .replace("</jingle>", again + "</jingle>"));
        assertThatThrownBy(() -> JingleToSdp.translate(j, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": content names must be unique in a session (XEP-0166 §7.3)");
    }

    @Test
    void duplicateMids_areRefused() {
        String sdp = HEAD + AUDIO + "a=setup:actpass\r\n" + CODECS + AUDIO + "a=setup:actpass\r\n" + CODECS;
        assertThatThrownBy(() -> offer(sdp)).isInstanceOf(TranslationException.class)
                .hasMessage("a=mid:0: a mid must be unique in a description (RFC 8843 §7.2.1)");
    }

    @Test
    void lineBreakInUfrag_cannotBeInjectedIntoTheSdp() {
        Jingle j = JingleReader.read(jingle(DESCRIPTION + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'"
                + " ufrag='ab&#13;&#10;a=fingerprint:sha-1 00' pwd='p'/>"));
        assertThatThrownBy(() -> JingleToSdp.translate(j, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": ufrag must not contain CR, found \"ab\\r\\na=fingerprint:sha-1 00\"");
    }

    @Test
    void spaceInPayloadName_cannotBeInjectedIntoTheSdp() {
        Jingle j = JingleReader.read(jingle(DESCRIPTION.replace("name='opus'", "name='opus/48000/2\r\na=x'")
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>"));
        assertThatThrownBy(() -> JingleToSdp.translate(j, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessageStartingWith("content \"a\": rtpmap encoding name must be an SDP token");
    }

    @Test
    void spaceInCandidateIp_isRefusedByTheReader() {
        assertThatThrownBy(() -> JingleReader.read(jingle(DESCRIPTION + "<transport"
                + " xmlns='urn:xmpp:jingle:transports:ice-udp:1'><candidate component='1' foundation='1'"
                + " ip='1.2.3.4 typ relay' port='1' priority='1' protocol='udp' type='host'/></transport>")))
                .isInstanceOf(JingleParseException.class)
                .hasMessage("/jingle/content[1]/transport[1]/candidate[1]: candidate address must not contain a space,"
                        + " found \"1.2.3.4 typ relay\"");
    }

    @Test
    void tcpCandidateAndMdnsHost_passThroughExactly() {
        String sdp = HEAD + AUDIO + "a=setup:actpass\r\n" + CODECS
                + "a=candidate:1 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0\r\n"
                + "a=candidate:2 1 udp 2122260223 1f4712db-ea17-4bcf-a596-105139dfd8bf.local 54400 typ host\r\n";
        Jingle j = offer(sdp);
        MediaDescription back = JingleToSdp.translate(j, Role.INITIATOR).value().media().get(0);
        assertThat(back.all("candidate", v -> v)).containsExactly(
                "1 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0",
                "2 1 udp 2122260223 1f4712db-ea17-4bcf-a596-105139dfd8bf.local 54400 typ host");
    }

    @Test
    void mediaMsid_becomesSourceParameterAndBack() {
        String sdp = HEAD + AUDIO + "a=setup:actpass\r\na=msid:stream1 track1\r\n" + CODECS
                + "a=ssrc:1234 cname:abc\r\n";
        Jingle j = offer(sdp);
        Content c = j.contents().get(0);
        assertThat(c.description().orElseThrow().sources().get(0).parameters())
                .contains(org.jinglegateway.mapper.jingle.Parameter.of("msid", "stream1 track1"));
        assertThat(JingleToSdp.translate(j, Role.INITIATOR).value().media().get(0).value("msid"))
                .contains("stream1 track1");
    }

    @Test
    void rejectedMline_isLeftOutWithANote() {
        String sdp = HEAD + AUDIO + "a=setup:actpass\r\n" + CODECS + "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n";
        Parsed<Jingle> p = SdpToJingle.translate(SdpParser.parse(sdp).value(), SdpToJingle.Request.offer("s1"));
        assertThat(p.value().contents()).extracting(Content::name).containsExactly("0");
        assertThat(p.notes()).extracting(MappingNote::text)
                .contains("m-line rejected with port 0 (RFC 8866 §5.14): no content");
    }

    @Test
    void emptyMaxMessageSize_isATranslationError() {
        // found by TranslationPropertiesTest
        String sdp = HEAD.replace("BUNDLE 0", "BUNDLE 0") + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                + "a=ice-ufrag:uf\r\na=ice-pwd:pwpwpwpwpwpwpwpwpwpwpw\r\na=fingerprint:sha-256 AB:CD\r\n"
                + "a=setup:actpass\r\na=mid:0\r\na=sctp-port:5000\r\na=max-message-size:\r\n";
        assertThatThrownBy(() -> offer(sdp)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"0\": max-message-size must not be empty");
    }

    @Test
    void producedSdp_parsesBack() {
        Jingle j = offer(HEAD + AUDIO + "a=setup:actpass\r\n" + CODECS);
        String text = SdpWriter.write(JingleToSdp.translate(j, Role.INITIATOR).value());
        assertThat(SdpParser.parse(text).notes()).isEmpty();
        assertThat(text).startsWith("v=0\r\no=- ").contains("\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 126\r\n")
                .contains("a=ice-options:trickle\r\n").doesNotContain("\n\n");
        assertThat(Optional.of(text).map(t -> t.endsWith("\r\n"))).contains(true);
        assertThat(List.of(text.split("\r\n"))).allMatch(l -> l.length() > 2 && l.charAt(1) == '=');
    }
}
