package org.jinglegateway.harness.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinglegateway.harness.e2e.hostile.HostileStage.DOMAIN;
import static org.jinglegateway.harness.e2e.hostile.HostileStage.attempt;
import static org.jinglegateway.harness.e2e.hostile.HostileStage.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.client.JingleIq;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.RawExtension;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.e2e.hostile.HostileStage.Page;
import org.jinglegateway.harness.e2e.hostile.Payloads.SdpSpot;
import org.jinglegateway.harness.e2e.hostile.RawWebSocket.Frame;
import org.jinglegateway.harness.e2e.hostile.RawWebSocket.Response;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/**
 * Attacks on the gateway from both of its sides, on a real Prosody (docs/operations.md §8): what an XMPP
 * user can send to the component, what a browser can send on the WebSocket, and what an operator's SIGTERM does to a
 * running call. Each test asserts what the attacker sees, and that the attack touched nothing else: the XEP-0114
 * link stays up (no second READY line, {@code /health} 200 throughout), an unrelated signaling call set up before
 * the attack still signals after it, and a real call between two Chromium pages still carries media.
 *
 * <p>The SIGTERM test ends the gateway, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class HostileInputIT {
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prosody 0.12 takes at most 512 KiB per component stanza; the gateway 256 KiB characters per WebSocket frame. */
    private static final int GATEWAY_MAX_FRAME_CHARS = 256 * 1024;
    /** The gateway's limit on nesting (XmppStreamReader's) is 64 elements: 71 is over it. */
    private static final int DEEP = 71;
    /**
     * Error codes the fixes are expected to use (docs/protocol.md, "Error codes"): SDP the
     * gateway cannot carry is bad-sdp as for any unusable SDP; the hangup text and the oversized call are named here,
     * so a fix that picks another code changes one line.
     */
    private static final String BAD_SDP = "bad-sdp";
    private static final String BAD_TEXT = "bad-frame";
    private static final String TOO_LARGE = "too-large";
    private static final Set<String> OVER_LIMIT = Set.of("rate-limited", "too-many-calls");
    /** RFC 6120 §8.3.3.12: the condition for a stanza refused by local policy (too deep). */
    private static final String DEEP_IQ_CONDITION = "policy-violation";
    /** RFC 6455 §7.4.1: policy violation. */
    private static final int POLICY_VIOLATION = 1008;

    @RegisterExtension
    static final HostileStage stage = new HostileStage();

    // ---- from the XMPP side ------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void deepStanzasFromXmppUser_iqsGetPolicyViolationAndTheLinkStaysUp() throws Exception {
        try (SignalingBystander bystander = stage.bystander(); XmppTestClient mallory = stage.client("mallory")) {
            SoftAssertions softly = new SoftAssertions();
            XMPPTCPConnection c = mallory.connection();
            List<StanzaCollector> replies = new ArrayList<>();
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            CountDownLatch sent = new CountDownLatch(50);
            // 50 stanzas of about 1.5 KB, nested 71 deep, at 5 a second: IQ sets (which must be answered) and
            // messages (which may be dropped) by turns
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger n = new AtomicInteger();
            try {
                pace.scheduleAtFixedRate(() -> {
                    int i = n.getAndIncrement();
                    if (i >= 50) {
                        return;
                    }
                    try {
                        if (i % 2 == 0) {
                            JingleIq iq = JingleIq.of(Payloads.deepJingle(unique("deep"), DEEP, 1400));
                            iq.setType(IQ.Type.set);
                            iq.setTo(JidCreate.from(DOMAIN));
                            replies.add(c.createStanzaCollectorAndSend(iq));
                        } else {
                            c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(DOMAIN)
                                    .ofType(Message.Type.normal)
                                    .addExtension(new RawExtension(Payloads.deepElement(DEEP - 1, 1450))).build());
                        }
                    } catch (Exception e) {
                        sendFailure.compareAndSet(null, e);
                    } finally {
                        sent.countDown();
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);
                assertThat(sent.await(30, TimeUnit.SECONDS)).as("50 stanzas sent within 30 s").isTrue();
            } finally {
                pace.shutdownNow();
            }
            assertThat(sendFailure.get()).as("sending the stanzas").isNull();
            assertThat(replies).hasSize(25);

            List<String> answers = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            long deadline = System.nanoTime() + STEP.toNanos();
            for (StanzaCollector collector : replies) {
                Stanza reply = collector.nextResult(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                collector.cancel();
                Element iq = reply == null ? null : Xml.parse(reply.toXML().toString());
                answers.add(iq == null ? "(no reply)" : errorOf(iq));
                texts.add(iq == null ? "" : Xml.text(iq, "*[local-name()='error']/stanza:text"));
            }
            softly.assertThat(answers).as("what the 25 deep IQ sets got back (error texts: %s)", texts)
                    .containsOnly("from=" + DOMAIN + " type=error condition=" + DEEP_IQ_CONDITION);
            softly.assertThat(c.isConnected()).as("mallory is still connected to Prosody").isTrue();
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    @Test
    @Order(2)
    void messageWithFortyThousandChildren_isDroppedAndTheLinkStaysUp() throws Exception {
        String wide = Payloads.wideElement(40_000);
        assertThat(wide.length()).as("the message's payload").isBetween(160_000, 161_000);
        messageToTheGateway_leavesTheLinkUp(new RawExtension(wide));
    }

    /**
     * Mallory sends the gateway's domain a message carrying {@code payload}; the next IQ on the same route is answered
     * (the gateway read past the message on the link), mallory stays connected, and nothing else was touched.
     */
    private void messageToTheGateway_leavesTheLinkUp(RawExtension payload) throws Exception {
        try (SignalingBystander bystander = stage.bystander(); XmppTestClient mallory = stage.client("mallory")) {
            SoftAssertions softly = new SoftAssertions();
            XMPPTCPConnection c = mallory.connection();
            c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(DOMAIN).ofType(Message.Type.normal)
                    .addExtension(payload).build());
            attempt(softly, "disco#info on " + DOMAIN + " after the message",
                    () -> assertThat(mallory.discoInfo(DOMAIN).containsFeature("urn:xmpp:jingle:1"))
                            .as("the gateway's disco#info lists Jingle").isTrue());
            softly.assertThat(c.isConnected()).as("mallory is still connected to Prosody").isTrue();
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    /**
     * 12,000 attributes on one element: Prosody passes it. The JDK's StAX parser, which read the link until
     * 2026-12-05, failed on more than 10,000 and ended the stream; now a stanza with an element over 1,000 is refused
     * on its own (its attributes would cost the square of their number to build).
     */
    @Test
    @Order(10)
    void messageWithTwelveThousandAttributes_isRefusedAloneAndTheLinkStaysUp() throws Exception {
        String many = Payloads.manyAttributes(12_000);
        assertThat(many.length()).as("the message's payload").isBetween(100_000, 120_000);
        messageToTheGateway_leavesTheLinkUp(new RawExtension("x", "urn:example:hostile:attributes", many));
    }

    /**
     * An IQ get in a namespace that holds a quote and an angle bracket (sent escaped, as XML requires): the gateway
     * answers service-unavailable with a copy of the child, and the copy's namespace must be escaped again. dom4j's
     * XMLWriter, which wrote the gateway's stanzas until 2026-12-05, wrote it raw: the reply was malformed and the
     * server closed the link.
     */
    @Test
    @Order(11)
    void iqInANamespaceWithAQuote_getsServiceUnavailableAndTheLinkStaysUp() throws Exception {
        try (SignalingBystander bystander = stage.bystander(); XmppTestClient mallory = stage.client("mallory")) {
            SoftAssertions softly = new SoftAssertions();
            XMPPTCPConnection c = mallory.connection();
            // Smack writes the namespace as given: escaped here, so that mallory's own stanza is well-formed
            // written raw, '"<"' ends the attribute and puts a '<' inside the tag: the server reads the gateway's reply
            // as malformed and closes the link (with '"/>' and markup after it, the text would inject elements)
            String namespace = "urn:example:hostile:&quot;&lt;&quot;";
            IQ iq = new IQ("query", namespace) {
                @Override
                protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder x) {
                    x.setEmptyElement();
                    return x;
                }
            };
            iq.setType(IQ.Type.get);
            iq.setTo(JidCreate.from(DOMAIN));
            StanzaCollector collector = c.createStanzaCollectorAndSend(iq);
            Stanza reply = collector.nextResult(STEP.toMillis());
            collector.cancel();
            // read through Smack's model: Smack itself writes such a namespace back raw (toXML), as XMLWriter did
            softly.assertThat(reply == null ? "(no reply)" : "from=" + reply.getFrom() + " type="
                    + ((IQ) reply).getType() + " condition=" + (reply.getError() == null ? "none"
                    : reply.getError().getCondition())).as("the gateway's answer")
                    .isEqualTo("from=" + DOMAIN + " type=error condition=service-unavailable");
            softly.assertThat(c.isConnected()).as("mallory is still connected to Prosody").isTrue();
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    // ---- from the browser side ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdpSpot.class)
    @Order(3)
    void controlCharacterInOfferedSdp_getsBadSdpErrorFrameAndTheLinkStaysUp(SdpSpot spot) throws Exception {
        try (SignalingBystander bystander = stage.bystander(); JinglePeer bob = stage.login("bob");
             Page trudy = stage.register(unique("trudy"))) {
            SoftAssertions softly = new SoftAssertions();
            String callId = unique("ctl");
            // to bob's full JID: no XEP-0353 first, the session-initiate is written at once
            trudy.send("type", "call", "callId", callId, "to", bob.jid(), "sdp", spot.offer());
            attempt(softly, "the error frame", () -> assertErrorFrame(trudy, callId, BAD_SDP));
            // after the bystander's round trip over the same route, so a stanza still on its way would be here
            stage.checkUnharmed(softly, bystander);
            softly.assertThat(bob.jingleInbox().history()).as("Jingle that reached bob").isEmpty();
            softly.assertAll();
        }
    }

    @Test
    @Order(4)
    void controlCharacterInHangupText_isRefusedWithErrorFrameAndTheLinkStaysUp() throws Exception {
        try (SignalingBystander bystander = stage.bystander(); JinglePeer bob = stage.login("bob");
             Page trudy = stage.register(unique("trudy"))) {
            SoftAssertions softly = new SoftAssertions();
            String callId = unique("text");
            trudy.send("type", "call", "callId", callId, "to", bob.jid(),
                    "sdp", Payloads.read("chrome/audio-offer.sdp"));
            String sid = bob.awaitJingle("session-initiate", STEP).attr("sid");
            trudy.send("type", "hangup", "callId", callId, "reason", "success", "text", "bye" + Payloads.CONTROL);
            attempt(softly, "the error frame", () -> assertErrorFrame(trudy, callId, BAD_TEXT));
            // the refused hangup left the call to be ended properly
            trudy.send("type", "hangup", "callId", callId, "reason", "success");
            attempt(softly, "bob's session-terminate", () -> {
                Received terminate = bob.awaitJingle("session-terminate", sid, STEP);
                assertThat(Xml.text(terminate.element(), "local-name(j:reason/*[1])")).as("reason: %s", terminate)
                        .isEqualTo("success");
            });
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    @Test
    @Order(5)
    void callWithFourThousandCandidates_getsErrorFrameAndTheLinkStaysUp() throws Exception {
        try (SignalingBystander bystander = stage.bystander(); JinglePeer bob = stage.login("bob");
             Page trudy = stage.register(unique("trudy"))) {
            SoftAssertions softly = new SoftAssertions();
            String callId = unique("big");
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "call");
            frame.put("callId", callId);
            frame.put("to", bob.jid());
            frame.put("sdp", Payloads.offerWithCandidates(4000));
            String text = JSON.writeValueAsString(frame);
            assertThat(text.length()).as("the call frame fits the gateway's frame limit (so the call is what is"
                    + " refused, not the frame)").isBetween(240_000, GATEWAY_MAX_FRAME_CHARS - 1);
            trudy.ws().sendRaw(text);
            attempt(softly, "the error frame", () -> assertErrorFrame(trudy, callId, TOO_LARGE));
            // after the bystander's round trip over the same route, so a stanza still on its way would be here
            stage.checkUnharmed(softly, bystander);
            softly.assertThat(bob.jingleInbox().history()).as("Jingle that reached bob").isEmpty();
            softly.assertAll();
        }
    }

    @Test
    @Order(6)
    void clientThatNeverReads_isClosedInsteadOfQueueing() throws Exception {
        int frames = 3000;
        try (SignalingBystander bystander = stage.bystander();
             RawWebSocket flood = RawWebSocket.connect(stage.wsUrl(), 4096)) {
            SoftAssertions softly = new SoftAssertions();
            Response upgrade = flood.upgrade(stage.wsUrl(), stage.httpBase(), STEP);
            assertThat(upgrade.status()).as("upgrade with the page's own origin: %s", upgrade.statusLine())
                    .isEqualTo(101);
            long heapBefore = stage.heapUsedMib();
            // "unknown frame type" errors repeat the type: 16 KiB in, a little more out, 3000 times, nothing read
            String frame = "{\"type\":\"" + "x".repeat(16 * 1024) + "\"}";
            AtomicInteger written = new AtomicInteger();
            AtomicReference<String> sendEnded = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < frames; i++) {
                        flood.sendText(frame, false);
                        written.incrementAndGet();
                    }
                    flood.flush();
                    sendEnded.set("all " + frames + " frames sent");
                } catch (IOException e) {
                    sendEnded.set("sending stopped after " + written.get() + " frames: " + e);
                }
            }, "never-reads-sender");
            sender.setDaemon(true);
            sender.start();
            // a gateway that stops reading a socket it has closed leaves the sender blocked: the flood is over then
            sender.join(Duration.ofSeconds(20).toMillis());
            String sending = (sender.isAlive() ? "the sender blocked after " + written.get() + " frames"
                    : sendEnded.get()) + " (gateway heap in use then: " + stage.heapUsedMib() + " MiB, before: "
                    + heapBefore + " MiB)";

            // now read what the gateway left for us: some replies, then the end of the connection. A close frame
            // queues behind the replies the client never read, so the gateway may have to drop the connection
            // without one (RFC 6455 §7.1.7); when one gets through, it carries 1008 (docs/operations.md §8)
            int texts = 0;
            Frame close = null;
            boolean closed = false;
            String end = "nothing more within 10 s";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                while (!closed && close == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Frame f = flood.readFrame(Duration.ofNanos(left));
                    if (f == null) {
                        closed = true;
                        end = "TCP closed without a close frame";
                    } else if (f.opcode() == RawWebSocket.CLOSE) {
                        close = f;
                        end = "close frame " + f.closeCode() + " \"" + f.closeReason() + "\"";
                    } else if (f.opcode() == RawWebSocket.TEXT) {
                        texts++;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                end = "nothing more within 10 s";
            } catch (IOException e) {
                closed = true;
                end = "the connection broke: " + e;
            }
            String story = sending + "; then " + texts + " reply frames, then " + end;
            softly.assertThat(closed || close != null).as("the gateway ended the connection (%s)", story).isTrue();
            if (close != null) {
                softly.assertThat(close.closeCode()).as("the close frame's code (%s)", story)
                        .isEqualTo(POLICY_VIOLATION);
            }
            softly.assertThat(texts).as("reply frames delivered (%s)", story).isLessThan(frames);
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    @Test
    @Order(7)
    void fiveHundredCallsFromOneSocket_areRefusedOverTheLimitAndTheVictimSeesFewProposes() throws Exception {
        int calls = 500;
        int maxProposes = 20;
        try (SignalingBystander bystander = stage.bystander(); JinglePeer bob = stage.login("bob");
             Page trudy = stage.register(unique("trudy"))) {
            SoftAssertions softly = new SoftAssertions();
            String offer = Payloads.read("chrome/audio-offer.sdp");
            String prefix = unique("flood");
            for (int i = 0; i < calls; i++) {
                trudy.send("type", "call", "callId", prefix + "-" + i, "to", "bob@localhost", "sdp", offer);
            }
            try {
                Await.until(Duration.ofSeconds(10), "the flood's refusals or its proposes",
                        () -> refusals(trudy, prefix).size() >= calls - maxProposes
                                || proposesFrom(bob, trudy.jid()) > maxProposes);
            } catch (AssertionError timedOut) {
                // the assertions below say what came instead
            }
            // a round trip on the same route: the gateway answers bob's disco#info after the proposes it sent (asked
            // of the gateway's domain: trudy's device may be gone, its socket closed for the flood)
            attempt(softly, "bob's disco#info on " + HostileStage.DOMAIN + " after the flood",
                    () -> bob.client().discoInfo(HostileStage.DOMAIN));
            softly.assertThat(proposesFrom(bob, trudy.jid())).as("proposes from %s that reached bob", trudy.jid())
                    .isLessThanOrEqualTo(maxProposes);
            Map<String, Integer> codes = new TreeMap<>();
            trudy.ws().received().stream().filter(f -> "error".equals(f.path("type").asText()))
                    .forEach(f -> codes.merge(f.path("code").asText(), 1, Integer::sum));
            // every call frame past the limits is refused with its callId, unless the socket's frame budget
            // (limits.frames-per-second) cut the flood first: then one rate-limited error without a callId says so
            // and the frames after it are dropped (or the socket closed)
            boolean frameBudget = trudy.ws().received().stream().anyMatch(f -> "error".equals(f.path("type")
                    .asText()) && "rate-limited".equals(f.path("code").asText()) && !f.has("callId"));
            softly.assertThat(frameBudget || refusals(trudy, prefix).size() >= calls - maxProposes)
                    .as("calls refused with %s, or the frame budget cut the flood (error codes seen: %s)",
                            OVER_LIMIT, codes).isTrue();
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    @Test
    @Order(8)
    void upgradeWithForeignOrigin_getsHttp403() throws Exception {
        try (SignalingBystander bystander = stage.bystander();
             RawWebSocket foreign = RawWebSocket.connect(stage.wsUrl(), 0);
             RawWebSocket own = RawWebSocket.connect(stage.wsUrl(), 0)) {
            SoftAssertions softly = new SoftAssertions();
            Response refused = foreign.upgrade(stage.wsUrl(), "http://evil.example", STEP);
            softly.assertThat(refused.status()).as("upgrade with Origin http://evil.example: %s",
                    refused.statusLine()).isEqualTo(403);
            Response accepted = own.upgrade(stage.wsUrl(), stage.httpBase(), STEP);
            softly.assertThat(accepted.status()).as("upgrade with the page's own origin %s: %s", stage.httpBase(),
                    accepted.statusLine()).isEqualTo(101);
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    @Test
    @Order(9)
    void halfSentUpgradeRequest_isDroppedWithinFifteenSeconds() throws Exception {
        Duration limit = Duration.ofSeconds(15);
        try (SignalingBystander bystander = stage.bystander();
             RawWebSocket slow = RawWebSocket.connect(stage.wsUrl(), 0)) {
            SoftAssertions softly = new SoftAssertions();
            String request = RawWebSocket.upgradeRequest(stage.wsUrl(), stage.httpBase());
            // the request line and the first headers, then silence (a slowloris)
            slow.writeRaw(request.substring(0, request.indexOf("Sec-WebSocket-Key")));
            long start = System.nanoTime();
            StringBuilder got = new StringBuilder();
            String end;
            try {
                while (true) {
                    Duration left = limit.minusNanos(System.nanoTime() - start);
                    int b = left.isNegative() ? -2 : slow.readByteOrTimeout(left);
                    if (b == -1) {
                        end = "closed after " + (System.nanoTime() - start) / 1_000_000 + " ms";
                        break;
                    }
                    if (b == -2) {
                        end = "still open after " + limit.toSeconds() + " s";
                        break;
                    }
                    got.append((char) b);
                }
            } catch (IOException e) {
                end = "broken after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e;
            }
            softly.assertThat(end).as("the half-sent upgrade's connection (the gateway sent %s)",
                    got.isEmpty() ? "nothing" : "\"" + got.toString().strip() + "\"").doesNotStartWith("still open");
            stage.checkUnharmed(softly, bystander);
            softly.assertAll();
        }
    }

    // ---- the operator's side: SIGTERM (ends the gateway, so last) ----------------------------------------------

    @Test
    @Order(100)
    void sigtermDuringCall_hangsUpBothSidesAndExitsZero() throws Exception {
        try (SignalingBystander call = stage.bystander()) {
            SoftAssertions softly = new SoftAssertions();
            stage.sigterm();
            // protocol.md §9: up to shutdown-grace-seconds (10) for calls to end, then they are ended on both sides
            int exit = stage.awaitGatewayExit(Duration.ofSeconds(25));
            softly.assertThat(exit).as("the gateway's exit status after SIGTERM (log %s)", stage.gatewayLog())
                    .isZero();
            attempt(softly, "the page's hangup frame", () -> {
                JsonNode hangup = call.page().await("hangup", Duration.ofSeconds(1));
                assertThat(hangup.path("callId").asText()).as("the hangup frame's callId").isEqualTo(call.callId());
            });
            attempt(softly, "the peer's session-terminate", () -> {
                Received terminate = call.peer().awaitJingle("session-terminate", call.sid(), Duration.ofSeconds(1));
                assertThat(terminate.from()).as("the session-terminate's sender").isEqualTo(call.pageJid());
            });
            attempt(softly, "the Chromium call's end", () -> {
                JsonNode pages = stage.media().state().path("pages");
                for (String page : List.of(MediaBystander.CALLER, MediaBystander.CALLEE)) {
                    assertThat(pages.path(page).path("lastHangup").path("by").asText())
                            .as("who ended the Chromium call on %s's page (a hangup frame is remote, a closed socket"
                                    + " local): %s", page, pages.path(page)).isEqualTo("remote");
                }
            });
            softly.assertAll();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The next error frame is for this call and has this code. */
    private static void assertErrorFrame(Page page, String callId, String code) {
        JsonNode error = page.ws().await("error", STEP);
        assertThat(error.path("callId").asText()).as("the error frame's callId: %s", error).isEqualTo(callId);
        assertThat(error.path("code").asText()).as("the error frame's code: %s", error).isEqualTo(code);
        assertThat(error.path("message").asText()).as("the error frame's message").isNotBlank();
    }

    /** "from=.. type=.. condition=.." of an IQ reply (a condition only for errors). */
    private static String errorOf(Element iq) {
        String type = iq.getAttribute("type");
        String out = "from=" + iq.getAttribute("from") + " type=" + type;
        if ("error".equals(type)) {
            out += " condition=" + Xml.text(iq, "local-name(*[local-name()='error']/stanza:*[local-name()!='text'])");
        }
        return out;
    }

    private static List<JsonNode> refusals(Page page, String callIdPrefix) {
        return page.ws().received().stream().filter(f -> "error".equals(f.path("type").asText())
                && f.path("callId").asText().startsWith(callIdPrefix) && OVER_LIMIT.contains(f.path("code").asText()))
                .toList();
    }

    private static long proposesFrom(JinglePeer peer, String from) {
        return peer.jmiInbox().history().stream().filter(r -> "propose".equals(r.name()) && from.equals(r.from()))
                .count();
    }
}
