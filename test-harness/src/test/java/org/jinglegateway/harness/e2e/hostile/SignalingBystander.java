package org.jinglegateway.harness.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.Xml;
import org.w3c.dom.Element;

/**
 * An unrelated call that must outlive every attack: an XMPP user (a Smack client sending Conversations' Jingle) in
 * an answered call with a browser page (Chrome's SDP), set up before the attack. After it, a transport-info from the
 * peer must still reach the page as a {@code candidate} frame, and neither side may have seen the call end.
 */
final class SignalingBystander implements AutoCloseable {
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final AtomicInteger PORTS = new AtomicInteger(40000);

    private final JinglePeer peer;
    private final BrowserSocket page;
    private final String pageJid;
    private final String sid;
    private final String callId;

    private SignalingBystander(JinglePeer peer, BrowserSocket page, String pageJid, String sid, String callId) {
        this.peer = peer;
        this.page = page;
        this.pageJid = pageJid;
        this.sid = sid;
        this.callId = callId;
    }

    /** The peer calls the page's full JID, the page answers, the peer sees the session-accept. */
    static SignalingBystander establish(JinglePeer peer, BrowserSocket page, String pageJid, String sid) {
        try {
            Element result = peer.sendJingle(pageJid, Payloads.jingle("modelled/conversations/session-initiate-audio.xml",
                    sid));
            assertThat(result.getAttribute("type")).as("the bystander's session-initiate: %s", Xml.toString(result))
                    .isEqualTo("result");
            JsonNode offer = page.await("offer", STEP);
            String callId = offer.path("callId").asText();
            page.send(Map.of("type", "answer", "callId", callId, "sdp", Payloads.withMid(
                    Payloads.read("chrome/audio-answer.sdp"), Payloads.firstMid(offer.path("sdp").asText()))));
            peer.awaitJingle("session-accept", sid, STEP);
            return new SignalingBystander(peer, page, pageJid, sid, callId);
        } catch (Exception e) {
            throw new IllegalStateException("the bystander call did not come up before the attack", e);
        } catch (AssertionError e) {
            throw new IllegalStateException("the bystander call did not come up before the attack: "
                    + e.getMessage(), e);
        }
    }

    String callId() {
        return callId;
    }

    String sid() {
        return sid;
    }

    JinglePeer peer() {
        return peer;
    }

    BrowserSocket page() {
        return page;
    }

    String pageJid() {
        return pageJid;
    }

    /** The call still carries signaling both ways and nobody hung up. */
    void checkAlive(SoftAssertions softly) {
        int port = PORTS.incrementAndGet();
        HostileStage.attempt(softly, "bystander", () -> {
            Element result = peer.sendJingle(pageJid, Payloads.transportInfo(sid, port));
            assertThat(result.getAttribute("type")).as("bystander: the peer's transport-info after the attack: %s",
                    Xml.toString(result)).isEqualTo("result");
            JsonNode candidate = page.await("candidate", STEP);
            assertThat(candidate.path("callId").asText()).as("bystander: the candidate frame's callId")
                    .isEqualTo(callId);
            assertThat(candidate.path("candidate").asText()).as("bystander: the candidate frame")
                    .contains("192.0.2.2 " + port + " typ host");
        });
        softly.assertThat(page.received().stream().filter(f -> "hangup".equals(f.path("type").asText())).toList())
                .as("bystander: hangup frames on the page").isEmpty();
        softly.assertThat(peer.jingleInbox().history().stream()
                .filter(r -> "session-terminate".equals(r.attr("action")) && sid.equals(r.attr("sid"))).toList())
                .as("bystander: session-terminates at the peer").isEmpty();
        softly.assertThat(page.isClosed()).as("bystander: the page's socket was closed").isFalse();
    }

    /** Ends the call the ordinary way (the peer hangs up) and closes both ends. */
    @Override
    public void close() {
        try {
            if (!page.isClosed()) {
                peer.sendJingle(pageJid, "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='" + sid
                        + "'><reason><success/></reason></jingle>");
            }
        } catch (Exception | AssertionError ignored) {
            // the gateway may be gone (after the SIGTERM test); closing the clients below is all that is left
        } finally {
            page.close();
            peer.close();
        }
    }

    @Override
    public String toString() {
        return "bystander call " + peer.jid() + " -> " + pageJid + " (sid " + sid + ", callId " + callId + ")";
    }
}
