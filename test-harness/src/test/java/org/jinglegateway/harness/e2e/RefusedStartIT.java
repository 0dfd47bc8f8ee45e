package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.Ports;
import org.junit.jupiter.api.Test;

/**
 * What a misconfigured gateway tells its admin before it connects anywhere: one line, the setting to fix, exit 2.
 * What a server refuses (a wrong secret, an unknown domain) is in RegistrationScenarios, per server.
 */
final class RefusedStartIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

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
     * {@code JINGLE_GATEWAY_SECRET}) or a config file, the gateway refuses to start. The port it is given has
     * nothing listening, so a gateway that did not refuse would retry there and never exit.
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
