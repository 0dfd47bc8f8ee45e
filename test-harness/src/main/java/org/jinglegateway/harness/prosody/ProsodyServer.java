package org.jinglegateway.harness.prosody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jinglegateway.harness.Ports;
import org.jinglegateway.harness.ServerProcess;

/**
 * A real Prosody from Debian's package for one test class: config and data in a temp folder, free loopback
 * ports, no TLS (unless {@link Builder#tls}), no s2s, a component entry with a secret, test users. Use it as
 * {@code @RegisterExtension static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "pw").build();}.
 * The lifecycle (start, stop by pid, restart, logs on failure) is {@link ServerProcess}'s; what is Prosody's own is
 * here: the config, offline registration with prosodyctl, {@code prosody -F} in the foreground (field-notes.md).
 */
public final class ProsodyServer extends ServerProcess {
    private final Path binary;
    private final int httpPort = Ports.free();
    private final Path certificate;
    private final Path key;
    private final String stunHost;
    private final int stunPort;
    private final Map<String, List<String>> rosters;

    private ProsodyServer(Builder b) {
        super("Prosody", b);
        this.binary = b.binary;
        this.certificate = b.certificate;
        this.key = b.key;
        this.stunHost = b.stunHost;
        this.stunPort = b.stunPort;
        this.rosters = Map.copyOf(b.rosters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for the test server. */
    public static final class Builder extends ServerProcess.Builder<Builder, ProsodyServer> {
        private Path binary = Path.of("/usr/bin/prosody");
        private Path certificate;
        private Path key;
        private String stunHost;
        private int stunPort;
        private final Map<String, List<String>> rosters = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Loads mod_tls with this certificate and key for the virtual host, so c2s offers STARTTLS (clients that
         * insist on it, such as Dino, need a certificate they trust). Plaintext logins stay allowed for the others.
         */
        public Builder tls(Path certificatePem, Path keyPem) {
            this.certificate = certificatePem;
            this.key = keyPem;
            return this;
        }

        /**
         * Announces this STUN server to the users through XEP-0215 (mod_external_services), e.g. a loopback address
         * so that a client which would otherwise ask a public STUN host stays on this machine.
         */
        public Builder stun(String host, int port) {
            this.stunHost = host;
            this.stunPort = port;
            return this;
        }

        /** Puts {@code contactJid} in {@code user}'s roster with subscription both, written before the start. */
        public Builder roster(String user, String contactJid) {
            rosters.computeIfAbsent(user, u -> new ArrayList<>()).add(contactJid);
            return this;
        }

        /** Another Prosody executable (Debian's /usr/bin/prosody by default). */
        public Builder binary(Path path) {
            this.binary = path;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public ProsodyServer build() {
            return new ProsodyServer(this);
        }
    }

    @Override
    protected Path executable() {
        return binary;
    }

    @Override
    protected String debianPackage() {
        return "prosody";
    }

    /** Writes the config and registers the users offline ({@code prosodyctl --config F register}). */
    @Override
    protected void prepare(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(config(), configText(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> u : users().entrySet()) {
            runTool(List.of("prosodyctl", "--config", config().toString(), "register", u.getKey(), VIRTUAL_HOST,
                    u.getValue()));
        }
        for (Map.Entry<String, List<String>> r : rosters.entrySet()) {
            writeRoster(folder, r.getKey(), r.getValue());
        }
    }

    /** Prosody's internal storage: {@code data/<host>/roster/<user>.dat}, a Lua table (host and user are plain). */
    private static void writeRoster(Path folder, String user, List<String> contacts) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("data").resolve(VIRTUAL_HOST).resolve("roster"));
        StringBuilder lua = new StringBuilder("return {\n\t[false] = { [\"version\"] = 1; [\"pending\"] = {}; };\n");
        for (String jid : contacts) {
            lua.append("\t[\"").append(jid).append("\"] = { [\"subscription\"] = \"both\"; [\"groups\"] = {}; };\n");
        }
        Files.writeString(dir.resolve(user + ".dat"), lua.append("};\n").toString(), StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> command() {
        return List.of(binary.toString(), "--config", config().toString(), "-F");
    }

    private Path config() {
        return dir().resolve("prosody.cfg.lua");
    }

    @Override
    public Path logFile() {
        return dir() == null ? Path.of("(not started)") : dir().resolve("prosody.log");
    }

    private String configText() {
        List<String> lines = new ArrayList<>();
        // field-notes.md: as root, run_as_root; loopback only; no TLS, no s2s
        lines.add("run_as_root = true");
        lines.add("pidfile = \"" + dir().resolve("prosody.pid") + "\"");
        lines.add("data_path = \"" + dir().resolve("data") + "\"");
        lines.add("interfaces = { \"127.0.0.1\" }");
        lines.add("local_interfaces = { \"127.0.0.1\" }");
        lines.add("c2s_interfaces = { \"127.0.0.1\" }");
        lines.add("component_interfaces = { \"127.0.0.1\" }");
        lines.add("http_interfaces = { \"127.0.0.1\" }");
        lines.add("c2s_ports = { " + c2sPort() + " }");
        lines.add("component_ports = { " + componentPort() + " }");
        lines.add("http_ports = { " + httpPort + " }");
        lines.add("https_ports = { }");
        lines.add("c2s_direct_tls_ports = { }");
        lines.add("legacy_ssl_ports = { }");
        lines.add("s2s_ports = { }");
        lines.add("s2s_auth_certs = false");
        lines.add("c2s_require_encryption = false");
        // as conf/prosody.cfg.lua recommends: no Nagle delay on small stanzas over the component link
        lines.add("network_settings = { nagle = false }");
        lines.add("allow_unencrypted_plain_auth = true");
        lines.add("authentication = \"internal_plain\"");
        String extra = (certificate != null ? " \"tls\";" : "") + (stunHost != null ? " \"external_services\";" : "");
        lines.add("modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\"; \"presence\";"
                + " \"websocket\"; \"bosh\"; \"http\";" + extra + " }");
        lines.add(certificate != null ? "modules_disabled = { \"s2s\" }" : "modules_disabled = { \"s2s\"; \"tls\" }");
        if (certificate != null) {
            lines.add("certificates = \"" + dir() + "\"");
            lines.add("ssl = { certificate = \"" + certificate + "\"; key = \"" + key + "\" }");
        }
        if (stunHost != null) {
            lines.add("external_services = { { type = \"stun\"; transport = \"udp\"; host = \"" + stunHost
                    + "\"; port = " + stunPort + " } }");
        }
        lines.add("log = { { levels = { min = \"debug\" }, to = \"file\", filename = \"" + logFile() + "\" } }");
        lines.add("VirtualHost \"" + VIRTUAL_HOST + "\"");
        lines.add("Component \"" + componentDomain() + "\"");
        lines.add("  component_secret = \"" + componentSecret() + "\"");
        return String.join("\n", lines) + "\n";
    }

    /** Prosody's HTTP port: WebSocket at {@code /xmpp-websocket}, BOSH at {@code /http-bind}. */
    public int httpPort() {
        return httpPort;
    }
}
