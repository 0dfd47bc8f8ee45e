package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.Xml;
import org.w3c.dom.Element;

/**
 * The building blocks of the call scenarios (CallScenarios on Prosody and ejabberd, CallRecoveryIT): a registered
 * browser page, an answered direct call, Jingle snippets and the small assertions every scenario repeats.
 */
final class Scenario {
    static final Duration STEP = Duration.ofSeconds(5);

    private Scenario() {
    }

    /** A registered browser page: its socket and the full JID the gateway gave it. */
    record Browser(BrowserSocket ws, String jid) implements AutoCloseable {
        JsonNode await(String type) {
            return ws.await(type, STEP);
        }

        /** Waits for the gateway's hangup frame for this call and checks its reason. */
        void awaitHangup(String callId, String reason) {
            JsonNode hangup = await("hangup");
            assertThat(hangup.path("callId").asText()).as("the hangup's callId: %s", hangup).isEqualTo(callId);
            assertThat(hangup.path("reason").asText()).as("the hangup's reason: %s", hangup).isEqualTo(reason);
        }

        void send(Object... keysAndValues) {
            Map<String, Object> frame = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                frame.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            ws.send(frame);
        }

        void send(Map<String, Object> frame) {
            ws.send(frame);
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    /** Opens a socket on the gateway's WebSocket URL and registers this user (auth none). */
    static Browser register(String wsUrl, String domain, String user) throws Exception {
        BrowserSocket ws = BrowserSocket.open(user, wsUrl);
        try {
            ws.send(Map.of("type", "register", "user", user));
            String jid = ws.await("registered", STEP).path("jid").asText();
            assertThat(jid).as("registered jid").startsWith(user + "@" + domain + "/");
            return new Browser(ws, jid);
        } catch (RuntimeException | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    /**
     * A call from an XMPP peer straight to the page's full JID, answered: Conversations' session-initiate, the
     * page's {@code answer} (Chrome's), the peer's session-accept seen. Returns the page's callId.
     */
    static String establishDirectCall(JinglePeer bob, Browser alice, String sid) throws Exception {
        assertResult(bob.sendJingle(alice.jid(), Fixtures.jingle("modelled/conversations/session-initiate-audio.xml",
                sid)));
        JsonNode offer = alice.await("offer");
        String callId = offer.path("callId").asText();
        alice.send("type", "answer", "callId", callId, "sdp", Fixtures.withMid(
                Fixtures.read("chrome/audio-answer.sdp"), Fixtures.firstMid(offer.path("sdp").asText())));
        bob.awaitJingle("session-accept", sid, STEP);
        return callId;
    }

    static String terminate(String sid, String reason) {
        return "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='" + sid + "'><reason><" + reason
                + "/></reason></jingle>";
    }

    static void assertResult(Element response) {
        assertThat(response.getAttribute("type")).as("IQ response %s", Xml.toString(response)).isEqualTo("result");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> types(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }
}
