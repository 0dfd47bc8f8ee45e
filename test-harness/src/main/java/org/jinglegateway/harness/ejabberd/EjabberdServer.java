package org.jinglegateway.harness.ejabberd;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.Ports;
import org.jinglegateway.harness.XmppServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A real ejabberd from Debian's package (23.01) for one test class: config, Mnesia spool and logs in a temp folder,
 * free loopback ports, no TLS, no s2s, an {@code ejabberd_service} listener for the component with a secret, test
 * users. Use it as {@code @RegisterExtension static final EjabberdServer ejabberd =
 * EjabberdServer.builder().user("alice", "pw").build();}.
 * When ejabberd is missing or does not start, the test class fails with the reason; it is never skipped. When a test
 * fails, the path and tail of ejabberd's log are printed.
 *
 * <p>Facts this class relies on (each cost time to find; check them when the version changes):
 * <ul>
 * <li>{@code ejabberdctl} run as root re-executes itself through {@code su ejabberd} (its {@code INSTALLUSER}),
 * which cannot read a root-owned temp folder. The decision is made before the ctl-config is sourced, but that file
 * is plain bash, so {@code EXEC_CMD=as_current_user} in our own {@code --ctl-config} keeps it running as root.</li>
 * <li>Every path has its own flag and all of them are needed, or the system's files are used:
 * {@code --config-dir} (also where {@code inetrc} and {@code vm.args} are looked up), {@code --config},
 * {@code --ctl-config}, {@code --spool} (Mnesia), {@code --logs}, {@code --node}. The same flags must be given to
 * every later {@code ejabberdctl} call (register, stop) so that it talks to this node.</li>
 * <li>{@code foreground} keeps {@code /usr/sbin/ejabberdctl} (bash) as the parent of {@code beam.smp}: the process
 * Java holds is bash, not the VM. {@code ejabberdctl stop} is the clean stop; killing the process tree is the last
 * resort.</li>
 * <li>Erlang distribution: {@code ERL_DIST_PORT} in the ctl-config makes the node listen on that one port with
 * {@code -erl_epmd_port P -start_epmd false}, so no epmd is started or needed (a system-wide epmd, if any, is
 * left alone and irrelevant), and the ctl client connects straight to that port. {@code INET_DIST_INTERFACE=127.0.0.1}
 * keeps that listener on loopback (it binds 0.0.0.0 otherwise). {@code -setcookie} with a random cookie in
 * {@code ERL_OPTIONS} means {@code ~/.erlang.cookie} is neither read nor created. A short node name on
 * {@code @localhost} with a random suffix never collides with a system ejabberd ({@code ejabberd@localhost}) or
 * another test run; Mnesia ties the spool to that name, so a restart reuses it.</li>
 * <li>Without an {@code inetrc} in the config dir every Erlang start logs "inet_config: file .../inetrc not found";
 * ours resolves from {@code /etc/hosts} only (no DNS).</li>
 * <li>Users are registered with {@code ejabberdctl register USER HOST PASSWORD} against the running node (unlike
 * prosodyctl there is no offline registration); they survive a restart in the spool.</li>
 * <li>c2s without {@code starttls}/{@code starttls_required} offers no {@code <starttls/>}, so Smack with
 * security disabled logs in with plain SASL on loopback. {@code acme: auto: false} and {@code s2s_access: none}
 * keep it from reaching out to the network.</li>
 * <li>{@code loglevel: debug} logs every stanza ("Send XML on stream" / "Received XML on stream"), which is what the
 * e2e failure output needs.</li>
 * <li>{@code ejabberd_service} sends its stream header with an {@code id} for any {@code to} domain and only refuses
 * an unconfigured domain after the handshake, with the same {@code <not-authorized/>} (no {@code <text/>}) as a
 * wrong secret; the log says "Domain other.localhost is unconfigured for external component".</li>
 * <li>{@code ejabberdctl stop} closes the component's socket without a stream error or {@code </stream:stream>}.
 * With no component connected, an IQ to its domain goes to s2s, which {@code s2s_access: none} answers with
 * forbidden "Access denied by service policy".</li>
 * <li>The temp folder is kept after the run, like Prosody's, so the logs can be read after a failure.</li>
 * </ul>
 */
public final class EjabberdServer implements XmppServer, BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler {
    public static final String VIRTUAL_HOST = "localhost";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(30);

    private final String componentDomain;
    private final String componentSecret;
    private final Map<String, String> users;
    private final Path ctl;
    private final int c2sPort = Ports.free();
    private final int componentPort = Ports.free();
    private final int distPort = Ports.free();
    private final String node = "jg-ejabberd-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    private final String cookie = UUID.randomUUID().toString().replace("-", "");
    private Path dir;
    private Process process;

    private EjabberdServer(Builder b) {
        this.componentDomain = b.componentDomain;
        this.componentSecret = b.componentSecret;
        this.users = Map.copyOf(b.users);
        this.ctl = b.ctl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for the test server. */
    public static final class Builder {
        private String componentDomain = "gw.localhost";
        private String componentSecret = "test-secret";
        private final Map<String, String> users = new LinkedHashMap<>();
        private Path ctl = Path.of("/usr/sbin/ejabberdctl");

        /** Another ejabberdctl (Debian's /usr/sbin/ejabberdctl by default). */
        public Builder ctl(Path path) {
            this.ctl = path;
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

        public EjabberdServer build() {
            return new EjabberdServer(this);
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
        System.err.println("[ejabberd] test " + context.getDisplayName() + " failed; ejabberd log: " + logFile()
                + " (last lines above debug level)\n" + tail(logFile(), 40));
        // CHECKSTYLE.ON: RegexpSinglelineJava
        throw throwable;
    }

    /** Writes the config (first time), starts ejabberd, waits until its ports accept, registers users (first time). */
    public synchronized void start() throws IOException, InterruptedException {
        boolean first = dir == null;
        if (first) {
            if (!Files.isExecutable(ctl)) {
                throw new IllegalStateException("ejabberd is not installed (" + ctl + " missing): run"
                        + " `bash scripts/install-test-deps.sh` or `apt-get install -y ejabberd`");
            }
            dir = Files.createTempDirectory("jg-ejabberd-");
            Files.createDirectories(dir.resolve("spool"));
            Files.createDirectories(dir.resolve("logs"));
            Files.writeString(dir.resolve("ejabberd.yml"), configText(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("ejabberdctl.cfg"), ctlConfigText(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("inetrc"), "{lookup, [file]}.\n{host, {127,0,0,1}, [\"localhost\"]}.\n",
                    StandardCharsets.UTF_8);
        }
        ProcessBuilder pb = new ProcessBuilder(ctlCommand("foreground"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        process = pb.start();
        try {
            Await.until(START_TIMEOUT, "ejabberd to listen on c2s " + c2sPort + " and component " + componentPort,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("ejabberd exited with " + process.exitValue()
                                    + " at start; log " + logFile() + ":\n" + tail(logFile(), 30)
                                    + "\nstdout:\n" + tail(dir.resolve("stdout.log"), 30));
                        }
                        return Ports.accepting(c2sPort) && Ports.accepting(componentPort);
                    });
            if (first) {
                for (Map.Entry<String, String> u : users.entrySet()) {
                    ctl("register", u.getKey(), VIRTUAL_HOST, u.getValue());
                }
            }
        } catch (AssertionError | IllegalStateException e) {
            stop();
            throw new IllegalStateException("ejabberd did not start: " + e.getMessage() + "; log " + logFile()
                    + ":\n" + tail(logFile(), 30) + "\nstdout:\n" + tail(dir.resolve("stdout.log"), 30), e);
        }
    }

    /** Stops this node with {@code ejabberdctl stop}; kills only the process tree it started if that fails. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                ctl("stop");
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                killTree();
            }
        } catch (IllegalStateException | IOException e) {
            killTree();
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        process = null;
        Await.until(Duration.ofSeconds(10), "ejabberd's ports to close",
                () -> !Ports.accepting(componentPort) && !Ports.accepting(c2sPort));
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop, then start again on the same ports, node name and spool (a server restart). */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Runs {@code ejabberdctl} against this node (e.g. {@code register bob localhost pw}) and returns its output. */
    public String ctl(String... args) throws IOException, InterruptedException {
        List<String> command = ctlCommand(args);
        Path out = Files.createTempFile(dir, "ctl-", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(CTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                    + CTL_TIMEOUT.toSeconds() + " s: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private List<String> ctlCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(ctl.toString(),
                "--config-dir", dir.toString(),
                "--config", dir.resolve("ejabberd.yml").toString(),
                "--ctl-config", dir.resolve("ejabberdctl.cfg").toString(),
                "--spool", dir.resolve("spool").toString(),
                "--logs", dir.resolve("logs").toString(),
                "--node", node));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public Path logFile() {
        return dir == null ? Path.of("(not started)") : dir.resolve("logs").resolve("ejabberd.log");
    }

    private String ctlConfigText() {
        // sourced by ejabberdctl (bash); see the class comment for why each line is here
        return String.join("\n",
                "EXEC_CMD=as_current_user",
                "ERLANG_NODE=" + node,
                "ERL_DIST_PORT=" + distPort,
                "INET_DIST_INTERFACE=127.0.0.1",
                "ERL_OPTIONS=\"-setcookie " + cookie + " -env ERL_CRASH_DUMP_BYTES 0\"",
                "");
    }

    private String configText() {
        return String.join("\n",
                "hosts:",
                "  - " + VIRTUAL_HOST,
                "loglevel: debug",
                "log_rotate_count: 0",
                "acme:",
                "  auto: false",
                "s2s_access: none",
                "auth_method: internal",
                "auth_password_format: plain",
                "listen:",
                "  -",
                "    port: " + c2sPort,
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_c2s",
                "    starttls: false",
                "  -",
                "    port: " + componentPort,
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_service",
                "    hosts:",
                "      \"" + componentDomain + "\":",
                "        password: \"" + componentSecret + "\"",
                "acl:",
                "  local:",
                "    user_regexp: \"\"",
                "access_rules:",
                "  local:",
                "    allow: local",
                "  c2s:",
                "    allow: all",
                // the c2s-facing modules of Debian's default ejabberd.yml, so clients see what they see in the field
                "modules:",
                "  mod_caps: {}",
                "  mod_carboncopy: {}",
                "  mod_disco: {}",
                "  mod_offline: {}",
                "  mod_ping: {}",
                "  mod_roster: {}",
                "  mod_stream_mgmt: {}",
                "  mod_version: {}",
                "");
    }

    static String tail(Path file, int lines) {
        try {
            // at loglevel debug the stanzas are [notice] lines; the [debug] ones are progress reports
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.contains(" [debug] ") && !l.startsWith("    ")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        } catch (UncheckedIOException e) {
            return "(cannot read " + file + ")";
        }
    }

    @Override
    public String virtualHost() {
        return VIRTUAL_HOST;
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    @Override
    public String componentDomain() {
        return componentDomain;
    }

    @Override
    public String componentSecret() {
        return componentSecret;
    }

    /** The Erlang node name of this server ({@code jg-ejabberd-<random>@localhost}). */
    public String node() {
        return node;
    }
}
