package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: values JingleToSdp refuses (or could not write so that they read back) are refused when the SDP is
 * parsed, with the line and column, so that whatever the parser accepts the mapper can write as Jingle and turn
 * back into SDP. Each case is one asymmetry MapperSymmetryPropertiesTest found.
 */
final class SdpSymmetryChecksTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    /** 0 to 199: more formats on one m= line than any browser writes. */
    private static final String MANY_FORMATS = String.join(" ",
            IntStream.range(0, 200).mapToObj(Integer::toString).toList());

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtcp-fb:111 ulpfec/90000 x",
                        "SDP line 6, column 11: rtcp-fb type must be an SDP token (RFC 8866 §9), found"
                                + " \"ulpfec/90000\" with U+002F at index 6"),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=msid:s t u",
                        "SDP line 6, column 8: msid appdata must be an SDP token (RFC 8866 §9), found \"t u\""
                                + " with a space at index 1"),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=msid:" + "s".repeat(65),
                        "SDP line 6, column 8: msid id must be 1-64 token characters (RFC 8830 §2), found 65: \""
                                + "s".repeat(65) + "\""),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ssrc:1 msid:a;b",
                        "SDP line 6, column 8: msid id must be an SDP token (RFC 8866 §9), found \"a;b\" with"
                                + " U+003B at index 1"),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a:b",
                        "SDP line 6, column 7: mid must be an SDP token (RFC 8866 §9), found \"a:b\" with U+003A"
                                + " at index 1"),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:ccm fir",
                        "SDP line 6, column 13: ice-ufrag must not contain a space, found \"ccm fir\""),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-pwd:",
                        "SDP line 6, column 11: ice-pwd must not be empty"),
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF 111 0 111",
                        "SDP line 5, column 35: m= lists format 111 twice (RFC 8866 §5.14)"),
                // past the few formats a browser writes, duplicates are found by a set (linear on a huge m= line)
                Arguments.of("m=audio 9 UDP/TLS/RTP/SAVPF " + MANY_FORMATS + " 50",
                        "SDP line 5, column " + (28 + MANY_FORMATS.length() + 2)
                                + ": m= lists format 50 twice (RFC 8866 §5.14)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void valueTheWayBackWouldRefuse_isRefusedAtParse(String lines, String expected) {
        String sdp = HEAD + lines + "\r\n";
        try {
            SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            assertThat(e.singleLine()).isEqualTo(expected);
            assertThat(e.kind()).isEqualTo(SdpParseException.Kind.BAD_VALUE);
            return;
        }
        throw new AssertionError("parsed: " + sdp);
    }

    static Stream<String> accepted() {
        return Stream.of("a=msid:- {8f1c-aa}", "a=msid:stream0", "a=rtcp-fb:* goog-remb", "a=ice-ufrag:a+b/",
                "a=mid:sdparta_0");
    }

    @Test
    void manyDistinctFormats_areAllKept() {
        SessionDescription sdp = SdpParser.parse(HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF " + MANY_FORMATS + "\r\n")
                .value();
        assertThat(sdp.media().get(0).formats()).hasSize(200).startsWith("0", "1").endsWith("199");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void valueBothWaysCarry_isAccepted(String line) {
        SessionDescription sdp = SdpParser.parse(HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + line + "\r\n")
                .value();
        assertThat(sdp.media().get(0).attributes()).hasSize(1);
    }
}
