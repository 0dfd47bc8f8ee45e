package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The gateway registers with a real ejabberd (Debian's 23.01) as an {@code ejabberd_service} component, answers what
 * XMPP clients ask a component first, and tells its admin what ejabberd refused.
 */
final class EjabberdRegistrationIT {
    private static GatewayProcess gateway;
    private static GatewayProcess.Ready ready;

    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("alice", "alice-pw").build();

    @RegisterExtension
    static final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.on(ejabberd).startReady();
        ready = gateway.ready();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void start_printsReadyLineWithDomainAndWebSocketUrl() {
        assertThat(ready.domain()).isEqualTo("gw.localhost");
        assertThat(ready.ws().toString()).matches("ws://127\\.0\\.0\\.1:\\d+/ws");
        assertThat(gateway.stdout()).as("stdout carries only READY lines").allMatch(l -> l.startsWith("READY "));
    }

    @Test
    void discoInfo_listsGatewayIdentityAndJingleFeatures() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(ejabberd, "alice", "alice-pw")) {
            DiscoverInfo info = alice.discoInfo("gw.localhost");
            assertThat(info.getIdentities()).anySatisfy(i -> {
                assertThat(i.getCategory()).isEqualTo("gateway");
                assertThat(i.getType()).isEqualTo("webrtc");
            });
            assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                    "urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
                    "urn:xmpp:jingle:apps:rtp:video", "urn:xmpp:jingle:transports:ice-udp:1",
                    "urn:xmpp:jingle:apps:dtls:0", "urn:xmpp:jingle-message:0", "urn:xmpp:ping");
        }
    }

    @Test
    void ping_isAnswered() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(ejabberd, "alice", "alice-pw")) {
            assertThat(alice.ping("gw.localhost")).isTrue();
        }
    }

    @Test
    void unknownNamespaceIq_getsServiceUnavailable() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(ejabberd, "alice", "alice-pw")) {
            IQ request = new IQ("query", "urn:example:unknown") {
                @Override
                protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder x) {
                    x.setEmptyElement();
                    return x;
                }
            };
            request.setType(IQ.Type.get);
            request.setTo(JidCreate.from("gw.localhost"));
            assertThatThrownBy(() -> alice.request(request)).isInstanceOfSatisfying(XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable));
        }
    }

    @Test
    void wrongSecret_exitsThreeNamingTheSecretSetting() throws Exception {
        try (GatewayProcess refused = GatewayProcess.on(ejabberd).secret("not-the-secret").start()) {
            assertThat(refused.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
            assertThat(refused.readyCount()).isZero();
            // ejabberd's <not-authorized/> carries no <text/> (Prosody adds "Given token does not match ...")
            assertThat(refused.logText().strip().lines().filter(l -> l.startsWith("jingle-gateway:")))
                    .containsExactly("jingle-gateway: the XMPP server refused the component secret for gw.localhost"
                            + " (not-authorized): set xmpp.secret (--secret, JINGLE_GATEWAY_SECRET) to the secret in"
                            + " the server's component configuration, or make sure the server knows the component"
                            + " domain gw.localhost (xmpp.domain; ejabberd: ejabberd_service hosts)");
        }
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
            assertThat(refused.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
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
