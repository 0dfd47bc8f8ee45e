package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prosody restarts under a running gateway; the gateway registers again by itself each time. */
final class ReconnectIT {
    private static final int RESTARTS = 5;

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").build();

    @Test
    void prosodyRestartedFiveTimes_gatewayReRegistersEachTime() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.on(prosody).startReady()) {
            for (int i = 1; i <= RESTARTS; i++) {
                prosody.restart();
                gateway.awaitReady(i + 1, Duration.ofSeconds(15));
                try (XmppTestClient bob = XmppTestClient.login(prosody, "bob", "bob-pw")) {
                    assertThat(bob.ping("gw.localhost")).as("ping after restart %d", i).isTrue();
                    assertThat(bob.discoInfo("gw.localhost").containsFeature("urn:xmpp:jingle:1"))
                            .as("disco after restart %d", i).isTrue();
                }
            }
            assertThat(gateway.readyCount()).isEqualTo(RESTARTS + 1);
            assertThat(gateway.isAlive()).isTrue();
        }
    }
}
