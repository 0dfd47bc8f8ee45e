package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The gateway registers with a real XMPP server as an XEP-0114 component, answers what XMPP clients ask a
 * component first, and tells its admin what the server refused. One suite, run on each server by a subclass that
 * provides the server (with a user {@code alice}, password {@code alice-pw}) and the server's own words where the
 * two really differ (ProsodyRegistrationIT, EjabberdRegistrationIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistrationScenarios {
    static final Duration EXIT = Duration.ofSeconds(30);

    private GatewayProcess gateway;
    private GatewayProcess.Ready ready;

    @RegisterExtension
    final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    /** The running server (the subclass's {@code @RegisterExtension}). */
    abstract XmppServer server();

    /** The one line the gateway prints on standard error when this server refuses a wrong secret. */
    abstract String wrongSecretLine();

    @BeforeAll
    void startGateway() throws Exception {
        gateway = GatewayProcess.on(server()).startReady();
        ready = gateway.ready();
    }

    @AfterAll
    void stopGateway() throws Exception {
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
        try (XmppTestClient alice = alice()) {
            DiscoverInfo info = alice.discoInfo("gw.localhost");
            assertThat(info.getIdentities()).anySatisfy(i -> {
                assertThat(i.getCategory()).isEqualTo("gateway");
                assertThat(i.getType()).isEqualTo("webrtc");
            });
            assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                    "urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
                    "urn:xmpp:jingle:apps:rtp:video", "urn:xmpp:jingle:transports:ice-udp:1",
                    "urn:xmpp:jingle:apps:dtls:0", "urn:xmpp:jingle-message:0", "urn:xmpp:ping",
                    "jabber:iq:version");
        }
    }

    @Test
    void discoItems_isAnsweredEmpty() throws Exception {
        try (XmppTestClient alice = alice()) {
            assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection())
                    .discoverItems(JidCreate.from("gw.localhost")).getItems()).isEmpty();
        }
    }

    @Test
    void ping_isAnswered() throws Exception {
        try (XmppTestClient alice = alice()) {
            assertThat(alice.ping("gw.localhost")).isTrue();
        }
    }

    @Test
    void versionQuery_namesTheGateway() throws Exception {
        try (XmppTestClient alice = alice()) {
            Version version = VersionManager.getInstanceFor(alice.connection())
                    .getVersion(JidCreate.from("gw.localhost"));
            assertThat(version.getName()).isEqualTo("jingle-gateway");
            assertThat(version.getVersion()).isNotBlank();
        }
    }

    @Test
    void unknownNamespaceIq_getsServiceUnavailable() throws Exception {
        try (XmppTestClient alice = alice()) {
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
    void deeplyNestedIqsThroughProsody_getPolicyViolationAndTheLinkStaysUp() throws Exception {
        // the attack seen on Prosody: 1.5 KB nested 71 deep to any JID of the gateway's domain, many times
        try (XmppTestClient alice = XmppTestClient.login(server(), "alice", "alice-pw")) {
            for (int i = 0; i < 20; i++) {
                IQ deep = new IQ("query", "urn:example:deep") {
                    @Override
                    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(
                            IQChildElementXmlStringBuilder x) {
                        x.rightAngleBracket();
                        x.append("<a>".repeat(70)).append("</a>".repeat(70));
                        return x;
                    }
                };
                deep.setType(IQ.Type.set);
                deep.setTo(JidCreate.from("nobody@gw.localhost/x"));
                assertThatThrownBy(() -> alice.request(deep)).isInstanceOfSatisfying(XMPPErrorException.class,
                        e -> {
                            assertThat(e.getStanzaError().getCondition())
                                    .isEqualTo(StanzaError.Condition.policy_violation);
                            assertThat(e.getStanzaError().getDescriptiveText()).isEqualTo(
                                    "the stanza nests elements deeper than this gateway accepts (64 levels)");
                        });
            }
            assertThat(alice.ping("gw.localhost")).isTrue();
            assertThat(gateway.readyCount()).as("the component never re-registered").isEqualTo(1);
        }
    }

    @Test
    void webSocketPing_isAnsweredWithPong() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ready.ws(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"ping\"}", true);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"pong\"}");
        ws.abort();
    }

    @Test
    void wrongSecret_exitsThreeWithOneLineNamingTheSecretSetting() throws Exception {
        try (GatewayProcess refused = GatewayProcess.on(server()).secret("not-the-secret").start()) {
            assertThat(refused.awaitExit(EXIT)).as("exit status (%s)", refused).isEqualTo(3);
            assertThat(refused.readyCount()).isZero();
            assertThat(refused.logText().strip().lines().filter(l -> l.startsWith("jingle-gateway:")))
                    .containsExactly(wrongSecretLine());
        }
    }

    XmppTestClient alice() throws Exception {
        return XmppTestClient.login(server(), "alice", "alice-pw");
    }
}
