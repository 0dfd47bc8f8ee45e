package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistrationScenarios} on a real Prosody (Debian's 0.12). */
final class ProsodyRegistrationIT extends RegistrationScenarios {
    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    @Override
    XmppServer server() {
        return prosody;
    }

    /** Prosody's {@code <not-authorized/>} carries a text, so the gateway names the secret alone. */
    @Override
    String wrongSecretLine() {
        return "jingle-gateway: the XMPP server refused the component secret for gw.localhost (not-authorized: Given"
                + " token does not match calculated token): set xmpp.secret (--secret, JINGLE_GATEWAY_SECRET) to the"
                + " secret in the server's component configuration";
    }

    /** Prosody refuses an unconfigured component domain at the stream header with host-unknown: exit 4. */
    @Test
    void unknownDomain_exitsFourNamingTheServerSetting() throws Exception {
        try (GatewayProcess refused = GatewayProcess.on(prosody).domain("other.localhost").start()) {
            assertThat(refused.awaitExit(EXIT)).as("exit status (%s)", refused).isEqualTo(4);
            assertThat(refused.readyCount()).isZero();
            assertThat(refused.logText()).contains("does not know the component domain other.localhost")
                    .contains("Component \"other.localhost\" with component_secret");
        }
    }
}
