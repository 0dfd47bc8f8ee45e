package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistrationScenarios} on a real ejabberd (Debian's 23.01), as an {@code ejabberd_service} component. */
final class EjabberdRegistrationIT extends RegistrationScenarios {
    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("alice", "alice-pw").build();

    @Override
    XmppServer server() {
        return ejabberd;
    }

    /**
     * ejabberd's {@code <not-authorized/>} carries no {@code <text/>} (Prosody adds "Given token does not match
     * ..."), and it says the same for an unknown domain (below), so the gateway names both settings.
     */
    @Override
    String wrongSecretLine() {
        return "jingle-gateway: the XMPP server refused the component secret for gw.localhost (not-authorized): set"
                + " xmpp.secret (--secret, JINGLE_GATEWAY_SECRET) to the secret in the server's component"
                + " configuration, or make sure the server knows the component domain gw.localhost (xmpp.domain;"
                + " ejabberd: ejabberd_service hosts)";
    }

    /**
     * ejabberd does not answer an unconfigured component domain with host-unknown (as Prosody does, exit 4): it
     * sends a normal stream header, takes the handshake and then refuses it with the same {@code <not-authorized/>}
     * as a wrong secret (its log: "Domain other.localhost is unconfigured for external component"). The gateway
     * cannot tell the two apart, so it exits 3 naming both settings.
     */
    @Test
    void unknownDomain_exitsThreeAsNotAuthorizedBecauseEjabberdCannotBeToldApart() throws Exception {
        try (GatewayProcess refused = GatewayProcess.on(ejabberd).domain("other.localhost").start()) {
            assertThat(refused.awaitExit(EXIT)).as("exit status (%s)", refused).isEqualTo(3);
            assertThat(refused.readyCount()).isZero();
            assertThat(refused.logText()).contains("jingle-gateway: the XMPP server refused the component secret"
                    + " for other.localhost (not-authorized): set xmpp.secret").contains("or make sure the server"
                    + " knows the component domain other.localhost (xmpp.domain; ejabberd: ejabberd_service hosts)");
            // ejabberd's logger writes asynchronously: the line may follow the gateway's exit
            Await.until(Duration.ofSeconds(5), "ejabberd to log that other.localhost is unconfigured (log "
                    + ejabberd.logFile() + ")", () -> logContains(
                            "Domain other.localhost is unconfigured for external component from 127.0.0.1"));
        }
    }

    private static boolean logContains(String text) {
        try {
            return Files.readString(ejabberd.logFile(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
