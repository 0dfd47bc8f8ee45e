package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.e2e.Scenario.Browser;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ejabberd without the gateway, and ejabberd restarting under a running gateway: the gateway registers again each
 * time, and a call under way outlives the restart (docs/calls.md, "Link drops"): after it, the browser's hang-up
 * still reaches the XMPP peer.
 */
final class EjabberdReconnectIT {
    private static final int RESTARTS = 2;
    private static final Duration STEP = Duration.ofSeconds(10);

    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("bob", "bob-pw").build();

    /**
     * With no component connected, ejabberd has no route for gw.localhost and hands the IQ to s2s as for any remote
     * domain; the test server's {@code s2s_access: none} refuses that with forbidden "Access denied by service
     * policy" (Prosody: remote-server-timeout "Component unavailable"). A production ejabberd with s2s would look
     * gw.localhost up in DNS instead and answer remote-server-not-found.
     */
    @Test
    void componentNotConnected_iqToItsDomainIsForbiddenByS2sPolicy() throws Exception {
        try (XmppTestClient bob = XmppTestClient.login(ejabberd, "bob", "bob-pw")) {
            assertThatThrownBy(() -> bob.discoInfo("gw.localhost"))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .as("ejabberd's answer for a component that is not connected: %s", e.getStanzaError())
                            .isEqualTo(StanzaError.Condition.forbidden));
        }
    }

    @Test
    void ejabberdRestarted_gatewayReRegistersEachTime_andACallOutlivesTheRestart() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.on(ejabberd).auth("none")
                .config("xmpp:\n  resume-seconds: 60\n  reconnect-max-millis: 1000\n").startReady();
             Browser alice = Scenario.register(gateway.ready().ws().toString(), ejabberd.componentDomain(), "alice")) {
            String sid = Scenario.unique("E");
            String callId;
            try (JinglePeer bob = JinglePeer.login(ejabberd, "bob", "bob-pw")) {
                callId = Scenario.establishDirectCall(bob, alice, sid);
            }
            for (int i = 1; i <= RESTARTS; i++) {
                ejabberd.restart();
                gateway.awaitReady(i + 1, Duration.ofSeconds(20));
                if (i == 1) {
                    // bob's client comes back on the same full JID, as a phone does after its server restarted
                    try (JinglePeer bob = JinglePeer.login(ejabberd, "bob", "bob-pw")) {
                        alice.send("type", "hangup", "callId", callId);
                        Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
                        assertThat(Xml.has(terminate.element(), "j:reason/j:success")).as("%s", terminate).isTrue();
                    }
                }
                try (XmppTestClient bob = XmppTestClient.login(ejabberd, "bob", "bob-pw")) {
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
