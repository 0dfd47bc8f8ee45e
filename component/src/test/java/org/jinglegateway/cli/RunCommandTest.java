package org.jinglegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void noSecret_exits2WithOneLineNamingXmppSecret() throws Exception {
        assumeTrue(System.getenv("JINGLE_GATEWAY_SECRET") == null, "JINGLE_GATEWAY_SECRET is set in this shell");
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "http:\n  port: 0\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.execute("run", "--config", config.toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jingle-gateway: config error: xmpp.secret: not"
                + " set, and there is no default: give the component secret of your XMPP server (Prosody"
                + " component_secret) with --secret, the environment variable JINGLE_GATEWAY_SECRET or xmpp.secret in"
                + " the config file" + System.lineSeparator());
    }
}
