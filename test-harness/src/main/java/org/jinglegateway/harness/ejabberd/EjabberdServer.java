package org.jinglegateway.harness.ejabberd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jinglegateway.harness.Ports;
import org.jinglegateway.harness.ServerProcess;

/**
 * A real ejabberd from Debian's package (23.01) for one test class: config, Mnesia spool and logs in a temp folder,
 * free loopback ports, no TLS, no s2s, an {@code ejabberd_service} listener for the component with a secret, test
 * users. Use it as {@code @RegisterExtension static final EjabberdServer ejabberd =
 * EjabberdServer.builder().user("alice", "pw").build();}.
 * The lifecycle (start, stop by pid, restart, logs on failure) is {@link ServerProcess}'s; what is ejabberd's own is
 * here.
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
 * <li>An {@code ejabberd_service} listener without {@code domain_balancing} takes several connections for one
 * component domain (several gateway instances) and hands each stanza to one of them at random; a closed
 * connection's share moves to the others. With {@code domain_balancing} an empty slot silently drops its share:
 * never set it.</li>
 * <li>The temp folder is kept after the run, like Prosody's, so the logs can be read after a failure.</li>
 * </ul>
 */
public final class EjabberdServer extends ServerProcess {
    private final Path ctl;
    private final int distPort = Ports.free();
    private final int httpPort = Ports.free();
    private final String node = "jg-ejabberd-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    private final String cookie = UUID.randomUUID().toString().replace("-", "");

    private EjabberdServer(Builder b) {
        super("ejabberd", b);
        this.ctl = b.ctl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for the test server. */
    public static final class Builder extends ServerProcess.Builder<Builder, EjabberdServer> {
        private Path ctl = Path.of("/usr/sbin/ejabberdctl");

        private Builder() {
        }

        /** Another ejabberdctl (Debian's /usr/sbin/ejabberdctl by default). */
        public Builder ctl(Path path) {
            this.ctl = path;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public EjabberdServer build() {
            return new EjabberdServer(this);
        }
    }

    @Override
    protected Path executable() {
        return ctl;
    }

    @Override
    protected String debianPackage() {
        return "ejabberd";
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(40);
    }

    @Override
    protected void prepare(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("spool"));
        Files.createDirectories(folder.resolve("logs"));
        Files.writeString(folder.resolve("ejabberd.yml"), configText(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("ejabberdctl.cfg"), ctlConfigText(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("inetrc"), "{lookup, [file]}.\n{host, {127,0,0,1}, [\"localhost\"]}.\n",
                StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> command() {
        return ctlCommand("foreground");
    }

    /** There is no offline registration: users are registered against the running node, once (kept in the spool). */
    @Override
    protected void afterFirstStart() throws IOException, InterruptedException {
        for (Map.Entry<String, String> u : users().entrySet()) {
            ctl("register", u.getKey(), VIRTUAL_HOST, u.getValue());
        }
    }

    /** {@code ejabberdctl stop} is the clean stop; the base class kills the process tree if it does not end. */
    @Override
    protected void requestStop(Process running) throws IOException, InterruptedException {
        ctl("stop");
    }

    /** Runs {@code ejabberdctl} against this node (e.g. {@code register bob localhost pw}) and returns its output. */
    public String ctl(String... args) throws IOException, InterruptedException {
        return runTool(ctlCommand(args));
    }

    private List<String> ctlCommand(String... args) {
        Path dir = dir();
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
        return dir() == null ? Path.of("(not started)") : dir().resolve("logs").resolve("ejabberd.log");
    }

    /** At loglevel debug the stanzas are [notice] lines; the [debug] ones (and their indented bodies) are noise. */
    @Override
    protected String tail(Path file, int lines) {
        return tailOf(file, lines, l -> !l.contains(" [debug] ") && !l.startsWith("    "));
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
                "loglevel: " + (quiet() ? "warning" : "debug"),
                "log_rotate_count: 0",
                "acme:",
                "  auto: false",
                "s2s_access: none",
                "auth_method: internal",
                "auth_password_format: plain",
                "listen:",
                "  -",
                "    port: " + c2sPort(),
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_c2s",
                "    starttls: false",
                "  -",
                "    port: " + componentPort(),
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_service",
                "    hosts:",
                "      \"" + componentDomain() + "\":",
                "        password: \"" + componentSecret() + "\"",
                // XMPP over WebSocket (RFC 7395) for the StanzaJS page of the browser tests
                "  -",
                "    port: " + httpPort,
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_http",
                "    request_handlers:",
                "      /xmpp-websocket: ejabberd_http_ws",
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

    /** ejabberd's HTTP port: XMPP over WebSocket at {@code /xmpp-websocket}. */
    public int httpPort() {
        return httpPort;
    }

    /** The Erlang node name of this server ({@code jg-ejabberd-<random>@localhost}). */
    public String node() {
        return node;
    }
}
