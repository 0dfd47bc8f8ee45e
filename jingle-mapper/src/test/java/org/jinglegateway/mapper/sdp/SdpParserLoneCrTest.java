package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A lone CR inside a line (only CRLF and LF end lines) used to escape as IllegalArgumentException from the model's
 * constructors; the parser must report it as an {@link SdpParseException} on the line that holds it.
 */
final class SdpParserLoneCrTest {

    @Test
    void loneCrInSessionName_isAParseErrorOnThatLine() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r:\r\nt=0 0\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessage("SDP line 3, column 4: a line must not contain a CR except right before its LF"
                        + " (RFC 8866 §5)\n"
                        + "  s=-?:\n"
                        + "     ^");
    }

    @Test
    void loneCrInSessionInformation_isAParseErrorOnThatLine() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\ni=a\rb\r\nt=0 0\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("SDP line 4, column 4: a line must not contain a CR except right before"
                        + " its LF");
    }

    @Test
    void loneCrInMediaTitle_isAParseErrorOnThatLine() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\ni=x\ry\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("SDP line 6, column 4: a line must not contain a CR except right before"
                        + " its LF");
    }
}
