package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** What operators watch, on a real Prosody: /health follows the XMPP registration, /metrics counts calls. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class OperationsIT {
    private static final Duration STEP = Duration.ofSeconds(5);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").build();

    private static GatewayProcess gateway;
    private static String wsUrl;
    private static String httpBase;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.on(prosody).config("ice:\n  stun: [\"stun:turn.example.org\"]\n"
                + "  turn: [\"turn:turn.example.org:3478?transport=udp\"]\n  turn-secret: s3cret\n"
                // resume off: a closed socket's device goes at once, so the device count sees only this test's
                + "calls:\n  resume-seconds: 0\n")
                .auth("none").startReady();
        wsUrl = gateway.ready().ws().toString();
        httpBase = gateway.ready().http().toString().replaceFirst("/$", "");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void health_isOkWhileRegistered() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @Test
    @Order(2)
    void metrics_countCallsByEndingReasonAndDevices() throws Exception {
        try (BrowserSocket alice = BrowserSocket.open("alice", wsUrl)) {
            alice.send(Map.of("type", "register", "user", "alice"));
            alice.await("registered", STEP);
            alice.send(Map.of("type", "call", "callId", "m1", "to", "bob@" + ProsodyServer.VIRTUAL_HOST, "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            alice.send(Map.of("type", "hangup", "callId", "m1", "reason", "cancel"));

            Await.until(STEP, "a cancelled call in /metrics", () -> get("/metrics").body()
                    .contains("jinglegateway_calls_ended_total{reason=\"cancel\"} 1.0"));
            String metrics = get("/metrics").body();
            assertThat(metrics).contains("jinglegateway_calls_started_total{direction=\"from-browser\"} 1.0")
                    .contains("jinglegateway_devices 1.0")
                    .contains("jinglegateway_devices_away 0.0")
                    .contains("jinglegateway_sessions 0.0")
                    .contains("jinglegateway_frames_in_total")
                    .contains("jinglegateway_stanzas_out_total")
                    .contains("jinglegateway_call_setup_seconds_bucket")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    @Order(2)
    void registeredBrowser_getsStunAndTurnWithATimeLimitedLogin() throws Exception {
        try (BrowserSocket carol = BrowserSocket.open("carol", wsUrl)) {
            carol.send(Map.of("type", "register", "user", "carol"));
            JsonNode servers = carol.await("registered", STEP).path("iceServers");
            assertThat(servers.get(0).path("urls").get(0).asText()).isEqualTo("stun:turn.example.org");
            JsonNode turn = servers.get(1);
            assertThat(turn.path("urls").get(0).asText()).isEqualTo("turn:turn.example.org:3478?transport=udp");
            long expiry = Long.parseLong(turn.path("username").asText().replace(":carol", ""));
            assertThat(expiry - Instant.now().getEpochSecond()).isBetween(86_000L, 86_400L);
            assertThat(turn.path("credential").asText()).matches("[A-Za-z0-9+/]{27}=");
        }
    }

    @Test
    @Order(2)
    void externalServiceDiscovery_listsTheSameServersForXmppClients() throws Exception {
        try (XmppTestClient bob = XmppTestClient.login(prosody, "bob", "bob-pw")) {
            IQ query = new SimpleIQ("services", "urn:xmpp:extdisco:2") {
            };
            query.setType(IQ.Type.get);
            query.setTo(JidCreate.from(prosody.componentDomain()));

            IQ response = bob.request(query);
            assertThat(response).isInstanceOf(UnparsedIQ.class);
            String answer = response.getType() + " " + ((UnparsedIQ) response).getContent();

            assertThat(answer).startsWith("result <services").contains("type='stun'").contains("type='turn'")
                    .contains("host='turn.example.org'").contains("username='").contains(":bob@localhost'")
                    .contains("restricted='1'")
                    .containsPattern("expires='20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ'");
        }
    }

    @Test
    @Order(3)
    void health_is503WhileTheXmppServerIsDown() throws Exception {
        prosody.stop();
        try {
            Await.until(Duration.ofSeconds(10), "/health to turn 503", () -> get("/health").statusCode() == 503);
            assertThat(get("/health").body()).isEqualTo("not registered with the XMPP server\n");
        } finally {
            prosody.start();
        }
        Await.until(Duration.ofSeconds(30), "/health to turn ok again", () -> get("/health").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(httpBase + path)).timeout(STEP).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }
}
