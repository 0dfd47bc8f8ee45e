package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Ticker;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jinglegateway.call.CallWorld.FakeDevice;
import org.jinglegateway.limits.Budgets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Budgets, SIGTERM's refusal of new calls and stanzas the server would refuse (docs/protocol.md §9 and §7). */
final class CallLimitsTest {
    private static final JID ROMEO = new JID("romeo@example.net/Conversations.r0Me");
    private static final String SID = "rSr5h/5/pz8I8cMY26V9aQ";

    private final AtomicLong now = new AtomicLong();
    private final CallWorld world = new CallWorld();
    private final FakeDevice juliet = world.device("juliet", "web-1");

    @AfterEach
    void close() {
        world.close();
    }

    private void budgets(int callsPerMinute, int concurrentCalls, int initiatesPerMinute) {
        world.service.setBudgets(new Budgets(callsPerMinute, concurrentCalls, 50, initiatesPerMinute, new Ticker() {
            @Override
            public long read() {
                return now.get();
            }
        }));
    }

    private void call(String callId, String to) {
        ObjectNode frame = CallWorld.JSON.createObjectNode().put("type", "call").put("callId", callId).put("to", to)
                .put("sdp", CallWorld.fixture("chrome/audio-offer.sdp"));
        world.frame(juliet, frame);
    }

    private ObjectNode lastError() {
        return juliet.last("error");
    }

    @Test
    void callOverConcurrentCalls_getsTooManyCallsAndNoPropose() {
        budgets(100, 2, 100);
        call("c1", "romeo@example.net");
        call("c2", "benvolio@example.net");
        call("c3", "mercutio@example.net");

        assertThat(lastError().get("callId").asText()).isEqualTo("c3");
        assertThat(lastError().get("code").asText()).isEqualTo("too-many-calls");
        assertThat(lastError().get("message").asText()).isEqualTo("this device already has 2 calls, as many as"
                + " limits.concurrent-calls allows; end one first");
        assertThat(world.sentWhere(p -> p instanceof Message)).as("proposes").hasSize(2);
    }

    @Test
    void callsOverCallsPerMinute_getRateLimitedUntilTheBudgetRefills() {
        budgets(2, 100, 100);
        call("c1", "romeo@example.net");
        call("c2", "benvolio@example.net");
        call("c3", "mercutio@example.net");

        assertThat(lastError().get("code").asText()).isEqualTo("rate-limited");
        assertThat(lastError().get("callId").asText()).isEqualTo("c3");

        now.addAndGet(30_000_000_000L);
        call("c4", "tybalt@example.net");
        assertThat(juliet.of("error")).as("one call's worth refilled after half a minute").hasSize(1);
    }

    @Test
    void sessionInitiatesOverTheCallersBudget_areAcknowledgedAndEndedBusy() {
        budgets(100, 100, 1);
        world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);
        IQ second = world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), "second-sid");

        assertThat(world.replyTo(second).getType()).isEqualTo(IQ.Type.result);
        IQ terminate = world.lastJingle("session-terminate");
        assertThat(terminate.getChildElement().attributeValue("sid")).isEqualTo("second-sid");
        assertThat(terminate.getTo()).isEqualTo(ROMEO);
        assertThat(terminate.getChildElement().element("reason").element("busy")).isNotNull();
        assertThat(terminate.getChildElement().element("reason").elementText("text"))
                .isEqualTo("you offered too many calls in the last minute; try again later");
        assertThat(juliet.of("offer")).as("only the first call reached the browser").hasSize(1);
    }

    @Test
    void proposeToADeviceWithAllItsCalls_isRejectedBusy() {
        budgets(100, 1, 100);
        call("c1", "benvolio@example.net");
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);

        Message reject = world.lastJmi("reject");
        assertThat(reject.getTo()).isEqualTo(ROMEO);
        assertThat(reject.getChildElement("reject", "urn:xmpp:jingle-message:0").element("reason")
                .element("busy")).isNotNull();
        assertThat(juliet.of("ring")).isEmpty();
    }

    @Test
    void whileDraining_aCallGetsShuttingDownAndAnInitiateIsEndedBusy() {
        world.service.stopTakingCalls();
        call("c1", "romeo@example.net");
        IQ initiate = world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);

        assertThat(lastError().get("code").asText()).isEqualTo("shutting-down");
        assertThat(world.replyTo(initiate).getType()).isEqualTo(IQ.Type.result);
        IQ terminate = world.lastJingle("session-terminate");
        assertThat(terminate.getChildElement().element("reason").elementText("text"))
                .isEqualTo("the gateway is shutting down and takes no new calls");
        assertThat(world.service.size()).isZero();
    }

    @Test
    void endAll_endsEveryCallOnBothSidesWithTheReason() {
        world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);
        world.service.endAll("connectivity-error", "the gateway is shutting down");

        ObjectNode hangup = juliet.last("hangup");
        assertThat(hangup.get("reason").asText()).isEqualTo("connectivity-error");
        assertThat(hangup.get("text").asText()).isEqualTo("the gateway is shutting down");
        IQ terminate = world.lastJingle("session-terminate");
        assertThat(terminate.getTo()).isEqualTo(ROMEO);
        assertThat(terminate.getChildElement().element("reason").element("connectivity-error")).isNotNull();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void initiateTooLargeToSend_givesTheBrowserTooLargeAndEndsTheCall() {
        world.unsendable = p -> p instanceof IQ iq && iq.getChildElement() != null
                && "session-initiate".equals(iq.getChildElement().attributeValue("action"));
        call("c1", ROMEO.toString());

        ObjectNode error = lastError();
        assertThat(error.get("code").asText()).isEqualTo("too-large");
        assertThat(error.get("message").asText()).isEqualTo("the iq set jingle this needs would be larger than the"
                + " XMPP server takes (xmpp.max-outgoing-bytes); send fewer candidates or media sections");
        assertThat(juliet.last("hangup").get("reason").asText()).isEqualTo("failed-application");
        assertThat(world.sentWhere(p -> p instanceof IQ)).as("no session-terminate for a session romeo never saw")
                .isEmpty();
        assertThat(world.service.size()).isZero();
    }

    @Test
    void hangupTextWithAControlCharacter_isRefusedAndTheCallGoesOn() {
        world.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);
        String callId = juliet.last("offer").get("callId").asText();
        world.frame(juliet, CallWorld.JSON.createObjectNode().put("type", "hangup").put("callId", callId)
                .put("text", "bye\u0001"));

        assertThat(lastError().get("code").asText()).isEqualTo("bad-frame");
        assertThat(lastError().get("message").asText()).isEqualTo("\"text\" holds U+0001 at position 3, which XML"
                + " 1.0 forbids (the text goes into the session-terminate)");
        assertThat(world.service.size()).isEqualTo(1);
        assertThat(juliet.of("hangup")).isEqualTo(List.of());
    }
}
