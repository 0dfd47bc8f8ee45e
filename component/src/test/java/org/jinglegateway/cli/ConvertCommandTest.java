package org.jinglegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code convert} on broken input: one line on standard error, nothing on standard output, exit 2 (README.md). */
final class ConvertCommandTest {
    private static final String JINGLE = "<jingle xmlns=\"urn:xmpp:jingle:1\" action=\"session-initiate\" sid=\"s1\">";

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    private static Run convert(byte[] input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(input));
            String[] all = new String[args.length + 1];
            all[0] = "convert";
            System.arraycopy(args, 0, all, 1, args.length);
            code = Main.execute(all);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run convert(String input, String... args) {
        return convert(input.getBytes(StandardCharsets.UTF_8), args);
    }

    static Stream<Arguments> brokenInputs() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        String deepXml = "<a>".repeat(100_000);
        String deepJson = "[".repeat(100_000);
        return Stream.of(
                Arguments.of("unclosed tags", "jingle-to-sdp", JINGLE.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unclosed content", "jingle-to-candidates", (JINGLE + "<content name='a'>")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("undeclared entity", "jingle-to-sdp", (JINGLE + "&bogus;</jingle>")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("entity without semicolon", "jingle-to-sdp", (JINGLE + "x &amp y</jingle>")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unclosed CDATA", "jingle-to-candidates", (JINGLE + "<![CDATA[ x </jingle>")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("null character reference", "jingle-to-sdp", (JINGLE + "&#0;</jingle>")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("huge XML nesting", "jingle-to-sdp", deepXml.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("huge JSON nesting", "candidate-to-jingle", deepJson.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("binary garbage as XML", "jingle-to-sdp", garbage),
                Arguments.of("binary garbage as SDP", "sdp-to-jingle", garbage),
                Arguments.of("binary garbage as JSON", "candidate-to-jingle", garbage),
                Arguments.of("empty input as SDP", "sdp-to-jingle", new byte[0]),
                Arguments.of("empty input as XML", "jingle-to-sdp", new byte[0]),
                Arguments.of("empty input as JSON", "candidate-to-jingle", new byte[0]),
                Arguments.of("empty input as transport-info", "jingle-to-candidates", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void brokenInput_failsInOneLineWithExit2(String name, String mode, byte[] input) {
        Run run = convert(input, mode, "--sid", "s1");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("jingle-gateway convert: ").endsWith(System.lineSeparator())
                .doesNotContain("Exception", "\tat ", "[row,col");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void entityWithoutSemicolon_saysWhereInTheXml() {
        assertThat(convert(JINGLE + "x &amp y</jingle>", "jingle-to-sdp").err()).isEqualTo("jingle-gateway convert:"
                + " /: not well-formed XML at line 1, column 76: Unexpected character ' ' (code 32); expected a"
                + " semi-colon after the reference for entity 'amp'" + System.lineSeparator());
    }

    @Test
    void unclosedCdata_saysSo() {
        assertThat(convert(JINGLE + "<![CDATA[ x ", "jingle-to-sdp").err()).startsWith("jingle-gateway convert: /:"
                + " not well-formed XML").contains("Unexpected EOF in CDATA section");
    }

    @Test
    void jsonNestedPastTheLimit_namesTheLimitWithoutALocation() {
        assertThat(convert("[".repeat(5000), "candidate-to-jingle", "--sid", "s1").err())
                .startsWith("jingle-gateway convert: not valid JSON: Document nesting depth (1001) exceeds the maximum"
                        + " allowed");
    }

    @Test
    void missingMode_isOneUsageLine() {
        Run run = convert("");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("jingle-gateway convert: Missing required parameter: 'MODE' (see convert"
                + " --help)" + System.lineSeparator());
    }

    @Test
    void unknownOption_isOneUsageLine() {
        Run run = convert("", "jingle-to-sdp", "--zzz");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("jingle-gateway convert: Unknown option: '--zzz' (see convert --help)"
                + System.lineSeparator());
    }

    @Test
    void unknownMode_namesTheModes() {
        assertThat(convert("", "xml-to-sdp").err()).isEqualTo("jingle-gateway convert: unknown mode \"xml-to-sdp\":"
                + " expected sdp-to-jingle, jingle-to-sdp, candidate-to-jingle or jingle-to-candidates"
                + System.lineSeparator());
    }

    @Test
    void unexpectedFailure_isOneLineNamingWhatBroke() {
        assertThat(ConvertCommand.unexpected(new IllegalStateException("first\nsecond")))
                .isEqualTo("cannot convert this input (IllegalStateException: first)");
        assertThat(ConvertCommand.unexpected(new StackOverflowError()))
                .isEqualTo("the input is nested too deeply to convert");
    }

    @Test
    void goodCandidate_stillConverts() {
        Run run = convert("{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host\",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0}", "candidate-to-jingle", "--sid", "s1");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("action=\"transport-info\"").contains("sid=\"s1\"");
    }
}
