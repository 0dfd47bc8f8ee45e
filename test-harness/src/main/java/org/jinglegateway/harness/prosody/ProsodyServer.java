package org.jinglegateway.harness.prosody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.Ports;
import org.jinglegateway.harness.XmppServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A real Prosody from Debian's package for one test class: config and data in a temp folder, free loopback
 * ports, no TLS, no s2s, a component entry with a secret, test users. Use it as
 * {@code @RegisterExtension static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "pw").build();}.
 * When Prosody is missing or does not start, the test class fails with the reason; it is never skipped. When a
 * test fails, the path and tail of Prosody's log are printed.
 */
public final class ProsodyServer implements XmppServer, BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler {
    public static final String VIRTUAL_HOST = "localhost";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String componentDomain;
    private final String componentSecret;
    private final Map<String, String> users;
    private final Path binary;
    private final int c2sPort = Ports.free();
    private final int componentPort = Ports.free();
    private final int httpPort = Ports.free();
    private Path dir;
    private Process process;

    private ProsodyServer(Builder b) {
        this.componentDomain = b.componentDomain;
        this.componentSecret = b.componentSecret;
        this.users = Map.copyOf(b.users);
        this.binary = b.binary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for the test server. */
    public static final class Builder {
        private String componentDomain = "gw.localhost";
        private String componentSecret = "test-secret";
        private final Map<String, String> users = new LinkedHashMap<>();
        private Path binary = Path.of("/usr/bin/prosody");

        /** Another Prosody executable (Debian's /usr/bin/prosody by default). */
        public Builder binary(Path path) {
            this.binary = path;
            return this;
        }

        public Builder component(String domain, String secret) {
            this.componentDomain = domain;
            this.componentSecret = secret;
            return this;
        }

        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public ProsodyServer build() {
            return new ProsodyServer(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.err.println("[prosody] test " + context.getDisplayName() + " failed; Prosody log: " + logFile()
                + "\n" + tail(logFile(), 40));
        // CHECKSTYLE.ON: RegexpSinglelineJava
        throw throwable;
    }

    /** Writes the config (first time), registers users and starts Prosody; waits until its ports accept. */
    public synchronized void start() throws IOException, InterruptedException {
        if (dir == null) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("Prosody is not installed (" + binary + " missing): run"
                        + " `bash scripts/install-test-deps.sh` or `apt-get install -y prosody`");
            }
            dir = Files.createTempDirectory("jg-prosody-");
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(config(), configText(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> u : users.entrySet()) {
                run(List.of("prosodyctl", "--config", config().toString(), "register", u.getKey(), VIRTUAL_HOST,
                        u.getValue()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--config", config().toString(), "-F")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        process = pb.start();
        try {
            Await.until(START_TIMEOUT, "Prosody to listen on c2s " + c2sPort + " and component " + componentPort,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Prosody exited with " + process.exitValue()
                                    + " at start; log " + logFile() + ":\n" + tail(logFile(), 30)
                                    + "\nstdout:\n" + tail(dir.resolve("stdout.log"), 30));
                        }
                        return Ports.accepting(c2sPort) && Ports.accepting(componentPort);
                    });
        } catch (AssertionError e) {
            stop();
            throw new IllegalStateException("Prosody did not start: " + e.getMessage() + "; log " + logFile()
                    + ":\n" + tail(logFile(), 30), e);
        }
    }

    /** Stops Prosody (only the process this server started) and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Await.until(Duration.ofSeconds(10), "Prosody's ports to close", () -> !Ports.accepting(componentPort));
    }

    /** Stop, then start again on the same ports with the same data (a server restart). */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private Path config() {
        return dir.resolve("prosody.cfg.lua");
    }

    @Override
    public Path logFile() {
        return dir == null ? Path.of("(not started)") : dir.resolve("prosody.log");
    }

    private String configText() {
        List<String> lines = new ArrayList<>();
        // field-notes.md: as root, run_as_root; loopback only; no TLS, no s2s
        lines.add("run_as_root = true");
        lines.add("pidfile = \"" + dir.resolve("prosody.pid") + "\"");
        lines.add("data_path = \"" + dir.resolve("data") + "\"");
        lines.add("interfaces = { \"127.0.0.1\" }");
        lines.add("local_interfaces = { \"127.0.0.1\" }");
        lines.add("c2s_interfaces = { \"127.0.0.1\" }");
        lines.add("component_interfaces = { \"127.0.0.1\" }");
        lines.add("http_interfaces = { \"127.0.0.1\" }");
        lines.add("c2s_ports = { " + c2sPort + " }");
        lines.add("component_ports = { " + componentPort + " }");
        lines.add("http_ports = { " + httpPort + " }");
        lines.add("https_ports = { }");
        lines.add("c2s_direct_tls_ports = { }");
        lines.add("legacy_ssl_ports = { }");
        lines.add("s2s_ports = { }");
        lines.add("s2s_auth_certs = false");
        lines.add("c2s_require_encryption = false");
        lines.add("allow_unencrypted_plain_auth = true");
        lines.add("authentication = \"internal_plain\"");
        lines.add("modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\"; \"presence\";"
                + " \"websocket\"; \"bosh\"; \"http\" }");
        lines.add("modules_disabled = { \"s2s\"; \"tls\" }");
        lines.add("log = { { levels = { min = \"debug\" }, to = \"file\", filename = \"" + logFile() + "\" } }");
        lines.add("VirtualHost \"" + VIRTUAL_HOST + "\"");
        lines.add("Component \"" + componentDomain + "\"");
        lines.add("  component_secret = \"" + componentSecret + "\"");
        return String.join("\n", lines) + "\n";
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        } catch (UncheckedIOException e) {
            return "(cannot read " + file + ")";
        }
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    public String componentDomain() {
        return componentDomain;
    }

    @Override
    public String componentSecret() {
        return componentSecret;
    }

    @Override
    public String virtualHost() {
        return VIRTUAL_HOST;
    }
}
