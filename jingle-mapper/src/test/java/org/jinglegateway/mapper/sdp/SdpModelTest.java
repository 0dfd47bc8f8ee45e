package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model's validation is what keeps CR, LF and stray spaces out of every SDP we write. */
final class SdpModelTest {

    @Test
    void unknownAttributeWithCrlf_isRejected() {
        assertThatThrownBy(() -> UnknownAttribute.of("x-foo", "a\r\na=setup:active"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute value must not contain CR, found \"a\\r\\na=setup:active\"");
    }

    @Test
    void midWithSpace_isRejected() {
        assertThatThrownBy(() -> MediaDescription.builder(MediaType.Known.AUDIO, 9, "UDP/TLS/RTP/SAVPF", List.of("0"))
                .mid("a b").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mid must be an SDP token (RFC 8866 §9), found \"a b\" with a space at index 1");
    }

    @Test
    void fmtpParameterWithSemicolon_isRejected() {
        assertThatThrownBy(() -> FmtpParameter.of("apt", "96;x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fmtp parameter value must have no \";\" and no leading or trailing space, found "
                        + "\"96;x=1\"");
    }

    @Test
    void valueEndingInWhitespace_isRejectedBecauseItCouldNotBeReadBack() {
        assertThatThrownBy(() -> Ssrc.of(1, "cname", "abc "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssrc attribute value must not end with whitespace, found \"abc \"");
    }

    @Test
    void builtSession_writesCanonicalLinesAndReadsBackEqual() {
        MediaDescription audio = MediaDescription.builder(MediaType.Known.AUDIO, 9, "UDP/TLS/RTP/SAVPF",
                        List.of("111", "126"))
                .connection(Connection.placeholder()).mid("0").direction(Direction.RECVONLY).rtcpMux(true)
                .addFmtp(new Fmtp("126", List.of(FmtpParameter.valueOnly("0-15"))))
                .addRtpmap(new RtpMap(126, "telephone-event", 8000, java.util.OptionalInt.empty()))
                .addRtpmap(new RtpMap(111, "opus", 48000, java.util.OptionalInt.of(2)))
                .addExtmap(new ExtMap(3, Optional.of(Direction.SENDONLY), "urn:ietf:params:rtp-hdrext:sdes:mid",
                        Optional.empty()))
                .build();
        SessionDescription s = SessionDescription.builder().origin(Origin.of("42", "1"))
                .addGroup(new Group("BUNDLE", List.of("0"))).media(List.of(audio)).build();

        String written = SdpWriter.write(s);

        assertThat(written).isEqualTo(SampleSdp.lines("v=0", "o=- 42 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111 126", "c=IN IP4 0.0.0.0", "a=mid:0",
                "a=extmap:3/sendonly urn:ietf:params:rtp-hdrext:sdes:mid", "a=recvonly", "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2", "a=rtpmap:126 telephone-event/8000", "a=fmtp:126 0-15"));
        assertThat(SdpParser.parse(written).value()).isEqualTo(s);
    }
}
