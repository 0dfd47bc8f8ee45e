package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.Ports;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a misconfigured gateway tells its admin: one line, the setting to fix, a non-zero exit. */
final class RefusedStartIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().build();

    @Test
    void wrongSecret_exitsThreeSayingTheSecretWasRefused() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.on(prosody).secret("not-the-secret").start()) {
            assertThat(gateway.awaitExit(EXIT)).isEqualTo(3);
            assertThat(gateway.readyCount()).isZero();
            assertThat(gateway.logText()).contains("jingle-gateway: the XMPP server refused the component secret"
                    + " for gw.localhost (not-authorized: Given token does not match calculated token): set"
                    + " xmpp.secret (--secret, JINGLE_GATEWAY_SECRET)");
        }
    }

    @Test
    void unknownDomain_exitsFourNamingTheServerSetting() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.on(prosody).domain("other.localhost").start()) {
            assertThat(gateway.awaitExit(EXIT)).isEqualTo(4);
            assertThat(gateway.logText()).contains("does not know the component domain other.localhost")
                    .contains("Component \"other.localhost\" with component_secret");
        }
    }

    @Test
    void badPortFlag_exitsTwoNamingTheKey() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.at(70000, "s").start()) {
            assertThat(gateway.awaitExit(EXIT)).isEqualTo(2);
            assertThat(gateway.logText().strip())
                    .isEqualTo("jingle-gateway: config error: xmpp.port: must be 1-65535, found 70000");
        }
    }

    /**
     * There is no built-in secret: with none in a flag, the environment (the launcher clears
     * {@code JINGLE_GATEWAY_SECRET}) or a config file, the gateway refuses to start before it connects anywhere.
     */
    @Test
    void noSecretAnywhere_exitsTwoWithOneLineNamingTheSetting() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.startRaw("--xmpp-port", String.valueOf(Ports.free()),
                "--http-port", "0")) {
            assertThat(gateway.awaitExit(EXIT)).as("exit status (%s)", gateway).isEqualTo(2);
            assertThat(gateway.readyCount()).isZero();
            assertThat(gateway.logText().strip().lines()).as("standard error").singleElement().asString()
                    .startsWith("jingle-gateway: ").contains("xmpp.secret");
        }
    }
}
