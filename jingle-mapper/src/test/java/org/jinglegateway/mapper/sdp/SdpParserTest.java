package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.junit.jupiter.api.Test;

final class SdpParserTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private static SdpParseException failure(String sdp) {
        return (SdpParseException) assertThatThrownBy(() -> SdpParser.parse(sdp))
                .isInstanceOf(SdpParseException.class).actual();
    }

    @Test
    void badRtpmapPayload_pointsAtTheValue() {
        SdpParseException e = failure(HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:abc opus/48000/2\r\n");
        assertThat(e.getMessage()).isEqualTo("""
                SDP line 6, column 10: rtpmap payload type must be a number 0-127, found "abc"
                  a=rtpmap:abc opus/48000/2
                           ^""");
        assertThat(e.kind()).isEqualTo(SdpParseException.Kind.BAD_VALUE);
        assertThat(e.singleLine()).isEqualTo("SDP line 6, column 10: rtpmap payload type must be a number 0-127,"
                + " found \"abc\"");
    }

    @Test
    void notStartingWithVersion_isRefused() {
        assertThat(failure("o=- 1 2 IN IP4 127.0.0.1\r\n").singleLine())
                .isEqualTo("SDP line 1, column 1: an SDP must start with v=0");
    }

    @Test
    void missingOrigin_isRefused() {
        assertThat(failure("v=0\r\ns=-\r\nt=0 0\r\n").singleLine())
                .isEqualTo("SDP: the o= line is missing (RFC 8866 §5.2)");
    }

    @Test
    void missingTiming_isRefused() {
        assertThat(failure("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n").singleLine())
                .isEqualTo("SDP: the t= line is missing (RFC 8866 §5.9)");
    }

    @Test
    void emptyInput_isRefused() {
        assertThat(failure("").singleLine()).isEqualTo("SDP: empty input: an SDP starts with v=0");
    }

    @Test
    void lineWithoutEquals_isSyntaxError() {
        SdpParseException e = failure(HEAD + "hello\r\n");
        assertThat(e.singleLine()).isEqualTo("SDP line 5, column 1: expected <type>=<value> with a lower-case letter"
                + " type, found \"hello\"");
        assertThat(e.kind()).isEqualTo(SdpParseException.Kind.SYNTAX);
    }

    @Test
    void timeLineInMediaSection_isRefused() {
        assertThat(failure(HEAD + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n").singleLine()).isEqualTo("SDP line 6, column 1:"
                + " t= is not allowed in a media section (RFC 8866 §5: only i, c, b, k, a)");
    }

    @Test
    void portOutOfRange_isRefused() {
        assertThat(failure(HEAD + "m=audio 70000 RTP/AVP 0\r\n").singleLine())
                .isEqualTo("SDP line 5, column 9: m= port must be 0-65535, found \"70000\"");
    }

    @Test
    void shortMediaLine_isRefused() {
        assertThat(failure(HEAD + "m=audio 9\r\n").singleLine()).isEqualTo("SDP line 5, column 3: m= needs <media>"
                + " <port> <proto> <fmt> ..., found \"audio 9\"");
    }

    @Test
    void badCandidate_namesTheField() {
        assertThat(failure(HEAD + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp x 1.2.3.4 5 typ host\r\n").singleLine())
                .isEqualTo("SDP line 6, column 13: candidate priority must be a number, found \"x\"");
    }

    @Test
    void badSetup_listsTheRoles() {
        assertThat(failure(HEAD + "m=audio 9 RTP/AVP 0\r\na=setup:server\r\n").singleLine())
                .isEqualTo("SDP line 6, column 9: setup must be one of actpass, active, passive, holdconn, found"
                        + " \"server\"");
    }

    @Test
    void lfOnlyAndBlankLines_areReadWithOneNoteEach() {
        Parsed<SessionDescription> p = SdpParser.parse("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\n\nt=0 0\n");
        assertThat(p.notes()).extracting(MappingNote::kind).containsOnly(MappingNote.Kind.LENIENCY);
        assertThat(p.notes()).extracting(MappingNote::text).containsExactly(Leniency.LF_LINE_ENDINGS.text(),
                Leniency.BLANK_LINES.text());
        assertThat(SdpWriter.write(p.value())).isEqualTo(HEAD);
    }

    @Test
    void trailingWhitespace_isRemovedWithANote() {
        Parsed<SessionDescription> p = SdpParser.parse(HEAD + "a=ice-lite  \r\n");
        assertThat(p.value().has("ice-lite")).isTrue();
        assertThat(p.notes()).extracting(MappingNote::text).containsExactly(Leniency.TRAILING_WHITESPACE.text());
    }

    @Test
    void mediaSection_keepsEveryLineInOrder() {
        String sdp = HEAD + "a=group:BUNDLE 0\r\nm=audio 9/2 UDP/TLS/RTP/SAVPF 111 0\r\ni=info\r\nc=IN IP4 0.0.0.0\r\n"
                + "b=AS:64\r\nb=TIAS:64000\r\na=mid:0\r\na=x-custom:1\r\na=rtcp-mux\r\n";
        SessionDescription d = SdpParser.parse(sdp).value();
        MediaDescription m = d.media().get(0);
        assertThat(m.portCount()).isEqualTo(OptionalInt.of(2));
        assertThat(m.formats()).containsExactly("111", "0");
        assertThat(m.bandwidths()).containsExactly(new Bandwidth("AS", 64), new Bandwidth("TIAS", 64000));
        assertThat(m.attributes()).extracting(Attribute::name).containsExactly("mid", "x-custom", "rtcp-mux");
        assertThat(m.mid()).contains("0");
        assertThat(SdpWriter.write(d)).isEqualTo(sdp);
    }

    @Test
    void fmtp_keepsValueOnlyTokensAndNamesAsWritten() {
        Fmtp red = Fmtp.parse("63 111/111");
        assertThat(red.params()).containsExactly(new Fmtp.Param(Optional.empty(), "111/111"));
        Fmtp dtmf = Fmtp.parse("126 0-15");
        assertThat(dtmf.toValue()).isEqualTo("126 0-15");
        Fmtp h264 = Fmtp.parse("102 level-asymmetry-allowed=1; packetization-mode=1;profile-level-id=42001f");
        assertThat(h264.params()).extracting(p -> p.name().orElseThrow())
                .containsExactly("level-asymmetry-allowed", "packetization-mode", "profile-level-id");
        assertThat(h264.toValue()).isEqualTo("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id"
                + "=42001f");
        assertThat(Fmtp.parse("98 apt=96;x=a=b").params().get(1)).isEqualTo(new Fmtp.Param(Optional.of("x"), "a=b"));
    }

    @Test
    void extmap_readsFirefoxDirectionForm() {
        ExtMap e = ExtMap.parse("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
        assertThat(e.id()).isEqualTo(2);
        assertThat(e.direction()).contains(Direction.RECVONLY);
        assertThat(e.toValue()).isEqualTo("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    }

    @Test
    void extmap_badDirection_listsTheDirections() {
        assertThatThrownBy(() -> ExtMap.parse("2/both urn:x")).hasMessage("extmap direction must be sendrecv,"
                + " sendonly, recvonly or inactive, found \"both\"");
    }

    @Test
    void rtcpFb_readsWildcardAndTrrInt() {
        assertThat(RtcpFb.parse("* nack pli")).isEqualTo(new RtcpFb("*", "nack", Optional.of("pli")));
        assertThat(RtcpFb.parse("111 trr-int 100").subtype()).contains("100");
        assertThat(RtcpFb.parse("96 goog-remb").subtype()).isEmpty();
    }

    @Test
    void ssrcAndGroups_readTheirFields() {
        assertThat(Ssrc.parse("4294967295 msid:stream track")).isEqualTo(new Ssrc(4294967295L, "msid",
                Optional.of("stream track")));
        assertThat(SsrcGroup.parse("FID 1 2").ssrcs()).containsExactly(1L, 2L);
        assertThat(Group.parse("BUNDLE").mids()).isEmpty();
        assertThat(Group.parse("BUNDLE 0 1 2").mids()).containsExactly("0", "1", "2");
    }

    @Test
    void attributeValue_cannotCarryALineBreak() {
        assertThatThrownBy(() -> Attribute.of("mid", "0\r\na=evil")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a=mid value must not contain CR, found \"0\\r\\na=evil\"");
    }

    @Test
    void builder_writesAMinimalOffer() {
        SessionDescription d = SessionDescription.builder(new Origin("-", "1", "2", "IN", "IP4", "127.0.0.1"))
                .attribute(Attribute.of("group", "BUNDLE 0"))
                .media(MediaDescription.of("audio", 9, "UDP/TLS/RTP/SAVPF", List.of("111"))
                        .withAttributes(List.of(Attribute.of("mid", "0"), Attribute.flag("rtcp-mux"))))
                .build();
        assertThat(SdpWriter.write(d)).isEqualTo(HEAD + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "a=mid:0\r\na=rtcp-mux\r\n");
    }
}
