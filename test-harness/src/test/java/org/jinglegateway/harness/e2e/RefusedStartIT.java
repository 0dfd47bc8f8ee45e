package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a misconfigured gateway tells its admin: one line, the setting to fix, a non-zero exit. */
final class RefusedStartIT {
    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().build();

    @Test
    void wrongSecret_exitsThreeSayingTheSecretWasRefused() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.run("--xmpp-port", String.valueOf(prosody.componentPort()),
                "--secret", "not-the-secret", "--http-port", "0")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
            assertThat(gateway.readyCount()).isZero();
            assertThat(gateway.stderrText()).contains("jingle-gateway: the XMPP server refused the component secret"
                    + " for gw.localhost (not-authorized: Given token does not match calculated token): set"
                    + " xmpp.secret (--secret, JINGLE_GATEWAY_SECRET)");
        }
    }

    @Test
    void unknownDomain_exitsFourNamingTheServerSetting() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.run("--xmpp-port", String.valueOf(prosody.componentPort()),
                "--secret", prosody.componentSecret(), "--domain", "other.localhost", "--http-port", "0")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(gateway.stderrText()).contains("does not know the component domain other.localhost")
                    .contains("Component \"other.localhost\" with component_secret");
        }
    }

    @Test
    void badPortFlag_exitsTwoNamingTheKey() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.run("--xmpp-port", "70000")) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(gateway.stderrText().strip())
                    .isEqualTo("jingle-gateway: config error: xmpp.port: must be 1-65535, found 70000");
        }
    }
}
