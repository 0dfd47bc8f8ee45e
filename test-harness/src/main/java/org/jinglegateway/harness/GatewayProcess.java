package org.jinglegateway.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The gateway as a user runs it: {@code java -jar component/target/jingle-gateway.jar run ...} in its own process,
 * the one way every IT starts it. Standard output and standard error go to files in a temp folder ({@link
 * #stdoutFile()}, {@link #logFile()}: the gateway's log), kept after the run. The READY lines of README.md are
 * parsed here, once, into {@link Ready}. {@link #close()} stops the process by its pid.
 *
 * <p>Start one against a test server with {@code GatewayProcess.on(prosody).auth("none").start()} (the server's
 * component port, domain and secret are passed as flags), or against anything else with {@link #at(int, String)}.
 * The secret is always given explicitly ({@code --secret}): the gateway has no built-in secret. The child's
 * environment has no {@code JINGLE_GATEWAY_*} settings (other than the log ones) from the shell that runs the build,
 * so a test sees only the flags it passes.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path stdout;
    private final Path log;
    private volatile boolean frozen;

    /**
     * One READY line (README.md): {@code READY domain=<component domain> ws=<websocket url>}.
     *
     * @param domain the component domain the gateway registered
     * @param ws     the browser WebSocket endpoint
     */
    public record Ready(String domain, URI ws) {
        private static final Pattern LINE = Pattern.compile("READY domain=(\\S+) ws=(wss?://\\S+)");

        public Ready {
            if (domain.isBlank()) {
                throw new IllegalArgumentException("READY without a domain");
            }
        }

        /** Parses a READY line; fails naming the line when it is not one. */
        public static Ready parse(String line) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new AssertionError("not a READY line (expected \"READY domain=<domain> ws=<ws url>\"): \""
                        + line + "\"");
            }
            return new Ready(m.group(1), URI.create(m.group(2)));
        }

        /** The HTTP root the WebSocket listener also serves (the softphone page, /health, /metrics). */
        public URI http() {
            return URI.create(("wss".equals(ws.getScheme()) ? "https" : "http") + "://" + ws.getRawAuthority() + "/");
        }
    }

    private GatewayProcess(Process process, Path stdout, Path log) {
        this.process = process;
        this.stdout = stdout;
        this.log = log;
    }

    /** The runnable jar: the {@code gateway.jar} system property (set by the pom), else the reactor path. */
    public static Path jar() {
        String configured = System.getProperty("gateway.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("../component/target/jingle-gateway.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway jar " + jar.toAbsolutePath() + " is missing: run `mvn -B"
                    + " -DskipTests package` first");
        }
        return jar;
    }

    /** A launch against a test server: its component port, domain and secret. */
    public static Launch on(XmppServer server) {
        return new Launch(server.componentPort(), server.componentSecret()).domain(server.componentDomain());
    }

    /** A launch against any XEP-0114 port (e.g. a {@link FakeComponentServer}) with this secret. */
    public static Launch at(int componentPort, String secret) {
        return new Launch(componentPort, secret);
    }

    /**
     * Starts {@code run} with exactly these arguments and no secret unless they hold one: only for the tests of
     * what the gateway refuses at start (a bad flag, no secret anywhere).
     */
    public static GatewayProcess startRaw(String... args) throws IOException {
        return launch(List.of(), Map.of(), List.of(args));
    }

    /** What to start: flags on top of the component port and secret. */
    public static final class Launch {
        private final List<String> args = new ArrayList<>();
        private final List<String> jvm = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String secret;
        private String domain;
        private Path config;

        private Launch(int componentPort, String secret) {
            this.secret = secret;
            args.addAll(List.of("--xmpp-port", String.valueOf(componentPort), "--http-port", "0"));
        }

        /** Another secret than the server's (a wrong-secret test). */
        public Launch secret(String value) {
            this.secret = value;
            return this;
        }

        /** Another component domain than the server's ({@code --domain}). */
        public Launch domain(String value) {
            this.domain = value;
            return this;
        }

        /** {@code --http-port}: a fixed port instead of any free one (0), so that instances can list each other. */
        public Launch httpPort(int port) {
            args.set(args.indexOf("--http-port") + 1, String.valueOf(port));
            return this;
        }

        /** {@code --auth none|token}. */
        public Launch auth(String mode) {
            return args("--auth", mode);
        }

        /** A new config file with this YAML ({@code --config}); the flags still override it. */
        public Launch config(String yaml) throws IOException {
            Path file = Files.createTempFile("jg-gateway-", ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return configFile(file);
        }

        /** This config file ({@code --config}), e.g. one a test rewrites before a reload. */
        public Launch configFile(Path file) {
            this.config = file;
            return this;
        }

        /** More flags, e.g. {@code --admins admin@localhost}. */
        public Launch args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /**
         * Options for the gateway's JVM, before {@code -jar}: e.g. a fixed heap ({@code -Xms1g -Xmx1g}) for a load
         * run, so that its figures do not depend on the machine's memory.
         */
        public Launch jvmArgs(String... options) {
            jvm.addAll(List.of(options));
            return this;
        }

        /** One environment variable for the gateway, e.g. {@code JINGLE_GATEWAY_LOG_LEVEL}. */
        public Launch env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Starts the process and returns at once (a test that expects it to exit). */
        public GatewayProcess start() throws IOException {
            List<String> all = new ArrayList<>();
            if (config != null) {
                all.addAll(List.of("--config", config.toString()));
            }
            all.addAll(args);
            all.addAll(List.of("--secret", secret));
            if (domain != null) {
                all.addAll(List.of("--domain", domain));
            }
            return launch(jvm, env, all);
        }

        /** Starts the process and waits for its first READY line; stops it again when that does not come. */
        public GatewayProcess startReady() throws IOException, InterruptedException {
            GatewayProcess gateway = start();
            try {
                gateway.awaitReady(1, START_TIMEOUT);
                return gateway;
            } catch (AssertionError | RuntimeException e) {
                gateway.close();
                throw e;
            }
        }
    }

    private static GatewayProcess launch(List<String> jvm, Map<String, String> extraEnv, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar().toString(), "run"));
        command.addAll(args);
        Path dir = Files.createTempDirectory("jg-gateway-");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("gateway.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("JINGLE_GATEWAY_") && !k.startsWith("JINGLE_GATEWAY_LOG_"));
        env.putAll(extraEnv);
        return new GatewayProcess(pb.start(), out, err);
    }

    /** Every complete line the gateway wrote to standard output so far. */
    public List<String> stdout() {
        try {
            String text = Files.readString(stdout, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's stdout " + stdout, e);
        }
    }

    /** The READY lines so far, in order (one per XEP-0114 registration). */
    public List<Ready> readies() {
        return stdout().stream().filter(l -> l.startsWith("READY ")).map(Ready::parse).toList();
    }

    public long readyCount() {
        return stdout().stream().filter(l -> l.startsWith("READY ")).count();
    }

    /** The first READY line; fails when there is none yet. */
    public Ready ready() {
        List<Ready> all = readies();
        if (all.isEmpty()) {
            throw new AssertionError("the gateway has printed no READY line yet (" + this + ")");
        }
        return all.get(0);
    }

    /** Waits for the n-th READY line (n from 1) and returns it; fails at once when the gateway exits first. */
    public Ready awaitReady(int n, Duration timeout) {
        Await.until(timeout, "READY line #" + n + " from the gateway (" + this + ")", () -> {
            if (readyCount() >= n) {
                return true;
            }
            if (!process.isAlive() && readyCount() < n) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + " before READY #" + n
                        + " (" + this + "); its log:\n" + logText());
            }
            return false;
        });
        return readies().get(n - 1);
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway did not exit within " + timeout.toSeconds() + " s (" + this + ")");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Standard error: the gateway's log and its one-line refusals. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    public Path stdoutFile() {
        return stdout;
    }

    /**
     * For {@code @RegisterExtension}: when a test fails, prints where the gateway's log is (STYLE.md §9); the
     * supplier gives the class's gateway, or null before it started.
     */
    public static TestExecutionExceptionHandler logOnFailure(Supplier<GatewayProcess> gateway) {
        return (context, failure) -> {
            GatewayProcess g = gateway.get();
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.err.println("[gateway] test " + context.getDisplayName() + " failed; "
                    + (g == null ? "the gateway was not started" : "gateway log: " + g.logFile()));
            // CHECKSTYLE.ON: RegexpSinglelineJava
            throw failure;
        };
    }

    /** SIGKILL by pid, as a crash or the OOM killer would end it: no shutdown of any kind. Waits for the exit. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway did not die of SIGKILL within " + STOP_TIMEOUT.toSeconds() + " s ("
                    + this + ")");
        }
    }

    /** SIGTERM by pid, as systemd stops a service; waits for the exit and returns its code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** SIGSTOP by pid: the process hangs with its sockets open (a frozen VM, a stuck host). */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT by pid after {@link #freeze()}. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
        frozen = false;
    }

    public boolean isFrozen() {
        return frozen;
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError("SIG" + name + " for a gateway that has exited (" + this + ")");
        }
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).redirectErrorStream(true)
                .start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed: " + out.strip());
        }
    }

    /** Stops the process by its pid (SIGTERM, then SIGKILL after 10 s) and waits for it; thaws it first if frozen. */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (frozen && handle.isAlive()) {
            try {
                thaw();
            } catch (IOException | AssertionError e) {
                // SIGKILL below still ends it
            }
        }
        if (handle.isAlive()) {
            handle.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return "gateway pid " + process.pid() + ", log " + log;
    }
}
