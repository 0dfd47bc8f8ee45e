package org.jinglegateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The shipped logback.xml keeps each event on one line, whatever a browser or a peer put in its values. */
final class LogLinesTest {
    private static final String FORGED = "x\n12:00:00.000 INFO  o.j.c.CallFlows - call.ended reason=success";

    @Test
    void controlCharacters_areEscaped() {
        assertThat(LogEscape.escape("a\r\nb\tc\u0000d\u001be\u0085f\u2028g\u2029h\u202ei\u2066j\\n"))
                .isEqualTo("a\\r\\nb\\tc\\u0000d\\u001be\\u0085f\\u2028g\\u2029h\\u202ei\\u2066j\\n");
    }

    @Test
    void plainText_isTheSameString() {
        String text = "call.ended reason=success callId=Ab-9_ü€ 😀";
        assertThat(LogEscape.escape(text)).isSameAs(text);
        assertThat(LogEscape.escape(null)).isNull();
    }

    @Test
    void textFormat_newlinesInMessageAndMdcStayOnTheirLine() throws Exception {
        List<String> lines = log("text", l -> {
            MDC.put("callId", FORGED);
            try {
                l.warn("device.refused problem={}", "bad header\r\n{\"alg\":\"none\"}");
            } finally {
                MDC.remove("callId");
            }
        });
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith(" WARN  o.j.l.LogLinesTest - callId=x\\n12:00:00.000 INFO  o.j.c.CallFlows"
                + " - call.ended reason=success sid= peer= device.refused problem=bad header\\r\\n{\"alg\":\"none\"}");
    }

    @Test
    void textFormat_exceptionMessageIsEscapedAndFramesKeepTheirLines() throws Exception {
        List<String> lines = log("text", l -> l.error("call.failed", new IllegalStateException("bad " + FORGED,
                new IllegalArgumentException("cause\nforged"))));
        assertThat(lines.get(0)).endsWith(" ERROR o.j.l.LogLinesTest - call.failed");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: bad x\\n12:00:00.000 INFO  o.j.c.CallFlows"
                + " - call.ended reason=success");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).doesNotStartWith("12:00"))
                .anySatisfy(line -> assertThat(line).startsWith("\tat "))
                .contains("Caused by: java.lang.IllegalArgumentException: cause\\nforged");
    }

    @Test
    void jsonFormat_isOneLinePerEventWithTheNewlinesEscaped() throws Exception {
        List<String> lines = log("json", l -> {
            MDC.put("callId", FORGED);
            try {
                l.warn("device.refused problem={}", "bad\r\nheader", new IllegalStateException("x\ny"));
            } finally {
                MDC.remove("callId");
            }
        });
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{").endsWith("}").contains("\"callId\":\"x\\n12:00:00.000")
                .contains("device.refused problem=bad\\r\\nheader").contains("x\\ny");
    }

    /** What the shipped logback.xml writes to standard error in a format, one entry per line. */
    private List<String> log(String format, java.util.function.Consumer<Logger> body) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty("JINGLE_GATEWAY_LOG_FORMAT", format);
        context.putProperty("JINGLE_GATEWAY_LOG_LEVEL", "INFO");
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            joran.doConfigure(getClass().getResource("/logback.xml"));
            body.accept(context.getLogger(LogLinesTest.class));
        } finally {
            context.stop();
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
