package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 / contracts §7: a character XML 1.0 forbids (C0 controls but TAB, LF and CR; U+FFFE, U+FFFF; lone
 * surrogates) is refused where an SDP enters the mapper, with the line, the column and the field, so it can never
 * reach the Jingle writer.
 */
final class SdpXmlCharactersTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    /** An SDP whose sixth line is {@code line}. */
    private static String withLine(String line) {
        return HEAD + line + "\r\na=rtpmap:111 opus/48000/2\r\n";
    }

    private static String problem(String sdp) {
        try {
            SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            return e.singleLine();
        }
        throw new AssertionError("parsed: " + sdp);
    }

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("a=ssrc:1 cname:ab\u0001c", "SDP line 6, column 18: a=ssrc cname contains U+0001,"
                        + " which XML 1.0 forbids"),
                Arguments.of("a=ssrc:1 msid:s\u001ft t", "SDP line 6, column 16: a=ssrc msid contains U+001F,"
                        + " which XML 1.0 forbids"),
                Arguments.of("a=fmtp:111 minptime=1\u00080", "SDP line 6, column 22: a=fmtp minptime contains U+0008,"
                        + " which XML 1.0 forbids"),
                Arguments.of("a=mid:0\ufffe", "SDP line 6, column 8: a=mid contains U+FFFE, which XML 1.0 forbids"),
                Arguments.of("a=ice-ufrag:ab\uffffc", "SDP line 6, column 15: a=ice-ufrag contains U+FFFF,"
                        + " which XML 1.0 forbids"),
                Arguments.of("a=ice-pwd:\ud800xyzxyzxyzxyzxyzxyzxyzxyz", "SDP line 6, column 11: a=ice-pwd contains"
                        + " a lone surrogate U+D800, which XML 1.0 forbids"),
                Arguments.of("a=msid:stream \udc00track", "SDP line 6, column 15: a=msid contains a lone surrogate"
                        + " U+DC00, which XML 1.0 forbids"),
                Arguments.of("a=x-unknown:v\u000b", "SDP line 6, column 14: a=x-unknown contains U+000B,"
                        + " which XML 1.0 forbids"),
                Arguments.of("a=candidate:1 1 udp 2 192.0.2.1\u0002 9 typ host", "SDP line 6, column 32:"
                        + " a=candidate address contains U+0002, which XML 1.0 forbids"),
                Arguments.of("a=candidate:1 1 udp 2 192.0.2.1 9 typ host ufrag a\u0003", "SDP line 6, column 51:"
                        + " a=candidate ufrag contains U+0003, which XML 1.0 forbids"),
                Arguments.of("a=rtcp-fb:111 nack p\u0004li", "SDP line 6, column 21: a=rtcp-fb subtype contains"
                        + " U+0004, which XML 1.0 forbids"),
                Arguments.of("a=x\u0005y", "SDP line 6, column 4: an a= attribute name contains U+0005,"
                        + " which XML 1.0 forbids"),
                Arguments.of("i=a\u0000b", "SDP line 6, column 4: i= contains U+0000, which XML 1.0 forbids"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void forbiddenCharacter_isRefusedNamingLineColumnAndField(String line, String expected) {
        assertThat(problem(withLine(line))).isEqualTo(expected);
    }

    @Test
    void forbiddenCharacterInSessionName_isRefused() {
        assertThat(problem("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=a\u0007\r\nt=0 0\r\n"))
                .isEqualTo("SDP line 3, column 4: s= contains U+0007, which XML 1.0 forbids");
    }

    @Test
    void forbiddenCharacter_isRefusedAsBadValueWithTheLineShownPrintably() {
        assertThatThrownBy(() -> SdpParser.parse(withLine("a=ssrc:1 cname:ab\u0001c")))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SdpParseException.Kind.BAD_VALUE);
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.column()).isEqualTo(18);
                    assertThat(e.getMessage()).endsWith("\n  a=ssrc:1 cname:ab?c\n                   ^");
                });
    }

    @Test
    void tabAndPairedSurrogates_areCarried() {
        SessionDescription sdp = SdpParser.parse(withLine("a=ssrc:1 cname:a\tb\ud83d\ude00")).value();
        assertThat(sdp.media().get(0).value("ssrc")).contains("1 cname:a\tb\ud83d\ude00");
        assertThat(SdpToJingle.translate(sdp, SdpToJingle.Request.offer("s")).value().contents()).hasSize(1);
    }

    @Test
    void modelValueWithAForbiddenCharacter_isRefusedByTheRecord() {
        assertThatThrownBy(() -> Attribute.of("x-custom", "a\u0001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a=x-custom value contains U+0001 at index 1, which XML 1.0 forbids");
        assertThatThrownBy(() -> new Ssrc(1, "cname", Optional.of("\uffff")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssrc attribute value contains U+FFFF at index 0, which XML 1.0 forbids");
    }
}
