package org.jinglegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigLoaderTest {
    @TempDir
    Path dir;

    private GatewayConfig load(String yaml, Map<String, String> env, Map<String, String> flags) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file), withSecret(env), flags);
    }

    /** xmpp.secret has no default: every test that is not about it gives one, as an operator must. */
    private static Map<String, String> withSecret(Map<String, String> env) {
        Map<String, String> m = new HashMap<>(env);
        m.putIfAbsent("JINGLE_GATEWAY_SECRET", "s3cret");
        return m;
    }

    private String error(String yaml) {
        return assertThatThrownBy(() -> load(yaml, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .actual().getMessage();
    }

    @Test
    void noFile_usesContractDefaults() throws Exception {
        GatewayConfig c = new ConfigLoader().load(Optional.empty(), Map.of(), Map.of("xmpp.secret", "s3cret"));
        assertThat(c.xmpp().host()).isEqualTo("127.0.0.1");
        assertThat(c.xmpp().port()).isEqualTo(5347);
        assertThat(c.xmpp().domain()).isEqualTo("gw.localhost");
        assertThat(c.http().webSocketUrl()).isEqualTo("ws://127.0.0.1:8080/ws");
        assertThat(new GatewayConfig.Http("::1", 9).webSocketUrl()).isEqualTo("ws://[::1]:9/ws");
        assertThat(c.auth().mode()).isEqualTo(GatewayConfig.Mode.NONE);
        assertThat(c.calls().ringTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void sampleConfig_loadsAsShipped() throws Exception {
        Path sample = Path.of("../conf/gateway.yaml");
        GatewayConfig c = new ConfigLoader().load(Optional.of(sample), withSecret(Map.of()), Map.of());
        assertThat(c.xmpp().maxStanzaBytes()).isEqualTo(1048576);
    }

    @Test
    void noSecretAnywhere_isRefusedNamingTheKeyAndTheThreeWaysToSetIt() {
        String expected = "config error: xmpp.secret: not set, and there is no default: give the component secret"
                + " of your XMPP server (Prosody component_secret) with --secret, the environment variable"
                + " JINGLE_GATEWAY_SECRET or xmpp.secret in the config file";
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.empty(), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(expected);
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.of(Path.of("../conf/gateway.yaml")), Map.of(),
                Map.of())).hasMessage(expected);
        assertThatThrownBy(() -> load("xmpp:\n  secret: '  '\n", Map.of("JINGLE_GATEWAY_SECRET", ""), Map.of()))
                .hasMessage(expected);
    }

    @Test
    void secretFromFileEnvironmentOrFlag_isTaken() throws Exception {
        assertThat(new ConfigLoader().load(Optional.empty(), Map.of("JINGLE_GATEWAY_SECRET", "from-env"), Map.of())
                .xmpp().secret()).isEqualTo("from-env");
        assertThat(new ConfigLoader().load(Optional.empty(), Map.of(), Map.of("xmpp.secret", "from-flag"))
                .xmpp().secret()).isEqualTo("from-flag");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "xmpp:\n  secret: from-file\n");
        assertThat(new ConfigLoader().load(Optional.of(file), Map.of(), Map.of()).xmpp().secret())
                .isEqualTo("from-file");
    }

    @Test
    void fileEnvironmentAndFlags_overrideInThatOrder() throws Exception {
        GatewayConfig c = load("xmpp:\n  port: 6000\n  domain: gw.example.org\nhttp:\n  port: 9000\n",
                Map.of("JINGLE_GATEWAY_XMPP_PORT", "7000", "JINGLE_GATEWAY_ADMINS", "a@example.org, b@example.org"),
                Map.of("xmpp.port", "8000"));
        assertThat(c.xmpp().port()).isEqualTo(8000);
        assertThat(c.xmpp().domain()).isEqualTo("gw.example.org");
        assertThat(c.http().port()).isEqualTo(9000);
        assertThat(c.admins()).containsExactly("a@example.org", "b@example.org");
    }

    @Test
    void webSocketLimits_haveDefaultsAndOriginsComeFromTheEnvironment() throws Exception {
        GatewayConfig defaults = new ConfigLoader().load(Optional.empty(), withSecret(Map.of()), Map.of());
        assertThat(defaults.http().allowedOrigins()).isEmpty();
        assertThat(defaults.http().pingSeconds()).isEqualTo(15);
        assertThat(defaults.http().maxOutgoingQueueBytes()).isEqualTo(1048576);
        assertThat(defaults.xmpp().maxOutgoingBytes()).isEqualTo(491520);
        GatewayConfig c = new ConfigLoader().load(Optional.empty(),
                withSecret(Map.of("JINGLE_GATEWAY_ALLOWED_ORIGINS", "https://gw.example.org, http://[::1]:8080")),
                Map.of());
        assertThat(c.http().allowedOrigins()).containsExactly("https://gw.example.org", "http://[::1]:8080");
    }

    @Test
    void allowedOriginWithAPath_isRefusedWithTheForm() {
        assertThat(error("http:\n  allowed-origins: [\"https://gw.example.org/ws\"]\n")).isEqualTo("config error:"
                + " http.allowed-origins: expected origins such as https://app.example.org or http://host:8080"
                + " (scheme, host, optional port; no path), or *, found \"https://gw.example.org/ws\"");
    }

    @Test
    void pingSecondsZero_isRefused() {
        assertThat(error("http:\n  ping-seconds: 0\n"))
                .isEqualTo("config error: http.ping-seconds: must be 1-3600, found 0");
    }

    @Test
    void unknownKey_namesTheKeyAndTheKnownOnes() {
        assertThat(error("xmpp:\n  prot: 5347\n")).isEqualTo("config error: xmpp.prot: unknown setting (known: host,"
                + " port, domain, secret, max-stanza-bytes, max-outgoing-bytes, keepalive-seconds,"
                + " reconnect-min-millis, reconnect-max-millis, resume-seconds, held-stanzas, held-bytes)");
    }

    @Test
    void unknownTopLevelKey_isRefused() {
        assertThat(error("xmp:\n  port: 1\n")).startsWith("config error: xmp: unknown setting");
    }

    @Test
    void portOutOfRange_namesKeyAndValue() {
        assertThat(error("xmpp:\n  port: 70000\n")).isEqualTo("config error: xmpp.port: must be 1-65535, found 70000");
    }

    @Test
    void portNotANumber_namesKeyAndValue() {
        assertThat(error("xmpp:\n  port: abc\n"))
                .isEqualTo("config error: xmpp.port: expected a whole number, found \"abc\"");
    }

    @Test
    void badAuthMode_listsTheModes() {
        assertThat(error("auth:\n  mode: jwt\n"))
                .isEqualTo("config error: auth.mode: expected one of none, token, found \"jwt\"");
    }

    @Test
    void tokenModeWithShortSecret_isRefused() {
        assertThat(error("auth:\n  mode: token\n  token-secret: short\n")).isEqualTo("config error:"
                + " auth.token-secret: must be at least 32 characters when auth.mode is token");
    }

    @Test
    void tokenChecksFromFileEnvironmentAndFlags_areTaken() throws Exception {
        GatewayConfig c = load("auth:\n  token-issuer: https://app.example.org\n",
                Map.of("JINGLE_GATEWAY_TOKEN_AUDIENCE", "gw.example.org"),
                Map.of("auth.token-max-lifetime-seconds", "600"));
        assertThat(c.auth().tokenIssuer()).isEqualTo("https://app.example.org");
        assertThat(c.auth().tokenAudience()).isEqualTo("gw.example.org");
        assertThat(c.auth().tokenMaxLifetimeSeconds()).isEqualTo(600);
        GatewayConfig none = load("{}\n", Map.of(), Map.of());
        assertThat(none.auth().tokenIssuer()).isEmpty();
        assertThat(none.auth().tokenAudience()).isEmpty();
        assertThat(none.auth().tokenMaxLifetimeSeconds()).isZero();
    }

    @Test
    void negativeTokenLifetime_isRefused() {
        assertThat(error("auth:\n  token-max-lifetime-seconds: -1\n")).isEqualTo("config error:"
                + " auth.token-max-lifetime-seconds: must be 0-31622400, found -1");
    }

    @Test
    void stunUrlWithATransportOrAPortPast65535_isRefused() {
        assertThat(error("ice:\n  stun: [\"stun:h.example.org?transport=udp\"]\n")).isEqualTo("config error:"
                + " ice.stun: a STUN URL has no ?transport (RFC 7064), found \"stun:h.example.org?transport=udp\"");
        assertThat(error("ice:\n  stun: [\"stun:h.example.org:99999\"]\n")).isEqualTo("config error:"
                + " ice.stun: port must be 1-65535, found \"stun:h.example.org:99999\"");
    }

    @Test
    void emptyIceValues_areNamedByTheirKey() {
        assertThat(error("ice:\n  stun: [~]\n")).isEqualTo("config error: ice.stun: expected stun:host[:port] or"
                + " stuns:host[:port] (RFC 7064), found \"\"");
        assertThat(error("ice:\n  turn: [\"turn:t.example.org\"]\n  turn-secret:\n")).isEqualTo("config error:"
                + " ice.turn-secret: must be set when ice.turn lists servers: it is coturn's static-auth-secret"
                + " (use-auth-secret)");
    }

    @Test
    void turnUrlThatIsNoTurnUri_isRefusedWithTheForm() {
        assertThat(error("ice:\n  turn: [\"http://turn.example.org\"]\n  turn-secret: s\n")).isEqualTo("config"
                + " error: ice.turn: expected turn:host[:port][?transport=udp|tcp] or turns:... (RFC 7065), found"
                + " \"http://turn.example.org\"");
    }

    @Test
    void turnWithoutSecret_isRefused() {
        assertThat(error("ice:\n  turn: [\"turn:turn.example.org\"]\n")).isEqualTo("config error: ice.turn-secret:"
                + " must be set when ice.turn lists servers: it is coturn's static-auth-secret (use-auth-secret)");
    }

    @Test
    void turnServersFromTheEnvironment_areAList() throws Exception {
        GatewayConfig c = load("{}\n", Map.of("JINGLE_GATEWAY_TURN", "turn:a.example.org,turns:b.example.org",
                "JINGLE_GATEWAY_TURN_SECRET", "s3cret"), Map.of());
        assertThat(c.ice().turn()).containsExactly("turn:a.example.org", "turns:b.example.org");
    }

    @Test
    void badDomain_isRefused() {
        assertThat(error("xmpp:\n  domain: 'gw example'\n")).isEqualTo("config error: xmpp.domain: must be a domain"
                + " name such as gw.example.org, found \"gw example\"");
    }

    @Test
    void brokenYaml_saysWhere() {
        assertThat(error("xmpp:\n  port: [\n")).startsWith("config error: ").contains("not valid YAML at line");
    }

    @Test
    void missingFile_namesTheFlag() {
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.of(dir.resolve("nope.yaml")), Map.of(), Map.of()))
                .hasMessage("config error: --config: file not found: " + dir.resolve("nope.yaml"));
    }
}
