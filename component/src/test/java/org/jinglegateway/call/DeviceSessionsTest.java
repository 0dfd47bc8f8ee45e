package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Browser resume (docs/protocol.md §8): a device outlives its socket for calls.resume-seconds. */
final class DeviceSessionsTest {
    static final JID ROMEO = new JID("romeo@example.net/Conversations.r0Me");
    static final String SID = "rSr5h/5/pz8I8cMY26V9aQ";
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final CallWorld world = new CallWorld();
    private final List<String> presence = new ArrayList<>();
    private final DevicePresence presenceLog = new DevicePresence() {
        @Override
        public void deviceOnline(Device device) {
            presence.add("online " + device.jid());
        }

        @Override
        public void deviceOffline(Device device) {
            presence.add("offline " + device.jid());
        }
    };

    /** A socket that keeps what it was given, and takes nothing once closed. */
    static class FakeLink implements DeviceLink {
        final List<JsonNode> frames = new ArrayList<>();
        boolean open = true;
        int closeCode;

        @Override
        public boolean offer(String frame) {
            if (!open) {
                return false;
            }
            try {
                frames.add(CallWorld.JSON.readTree(frame));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        }

        @Override
        public void close(int code, String reason) {
            open = false;
            closeCode = code;
        }

        List<String> types() {
            return frames.stream().map(f -> f.get("type").asText()).toList();
        }
    }

    private DeviceSessions sessions(ResumePolicy policy) {
        return new DeviceSessions(world.service, presenceLog, policy, world.timers);
    }

    private final DeviceSessions sessions = sessions(new ResumePolicy(WINDOW, 5, 100_000));

    /** Romeo calls juliet's new device by XEP-0353; she accepts and answers: the call is active. */
    private String activeCall(BrowserDevice juliet, FakeLink link) {
        return activeCall(world, juliet, link);
    }

    /** The same in any world (HandOverTest has two). */
    static String activeCall(CallWorld w, BrowserDevice juliet, FakeLink link) {
        w.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);
        String callId = last(link, "ring").get("callId").asText();
        w.frame(juliet, "{\"type\":\"accept\",\"callId\":\"" + callId + "\"}");
        w.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);
        w.frame(juliet, CallWorld.JSON.createObjectNode().put("type", "answer").put("callId", callId)
                .put("sdp", CallWorld.fixture("chrome/audio-answer.sdp")));
        w.lastJingle("session-accept");
        return callId;
    }

    /** Juliet in an active call with romeo, then her socket drops: the device is away. */
    private record Away(BrowserDevice juliet, FakeLink first, String callId) {
    }

    private Away awayInACall(DeviceSessions s) {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = s.register("juliet", first, n -> { });
        String callId = activeCall(juliet, first);
        first.open = false;
        s.detached(juliet, first, true);
        return new Away(juliet, first, callId);
    }

    static JsonNode last(FakeLink link, String type) {
        return link.frames.stream().filter(f -> type.equals(f.get("type").asText())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " in " + link.frames));
    }

    private static String token(FakeLink link) {
        return link.frames.get(0).get("resume").asText();
    }

    private long terminates() {
        return world.sentWhere(p -> p instanceof IQ iq && iq.getChildElement() != null
                && "session-terminate".equals(iq.getChildElement().attributeValue("action"))).size();
    }

    private String terminateReason() {
        return world.lastJingle("session-terminate").getChildElement().element("reason").elements().get(0).getName();
    }

    @Test
    void register_sendsRegisteredWithJidAndAResumeTokenFirst_andGoesOnline() {
        FakeLink link = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", link, n -> n.put("extra", 1));

        JsonNode registered = link.frames.get(0);
        assertThat(registered.get("type").asText()).isEqualTo("registered");
        assertThat(registered.get("jid").asText()).isEqualTo(juliet.jid().toString()).startsWith("juliet@"
                + CallWorld.DOMAIN + "/web-");
        assertThat(token(link)).matches("[a-z2-7]{32}");
        assertThat(registered.get("extra").asInt()).isOne();
        assertThat(presence).containsExactly("online " + juliet.jid());
        assertThat(world.devices.find(juliet.jid())).contains(juliet);
    }

    @Test
    void register_theDeviceTakesCallsBeforeThePageReadsRegistered() {
        List<String> seenWhenRegistered = new ArrayList<>();
        FakeLink link = new FakeLink() {
            @Override
            public boolean offer(String frame) {
                // a page that reads registered and at once has a call placed to it (CI: EjabberdCallsIT, 2026-12-05)
                world.devices.of("juliet").forEach(d -> seenWhenRegistered.add(d.jid().toString()));
                return super.offer(frame);
            }
        };
        BrowserDevice juliet = sessions.register("juliet", link, n -> { });

        assertThat(link.types()).containsExactly("registered");
        assertThat(seenWhenRegistered).containsExactly(juliet.jid().toString());
    }

    @Test
    void resume_keepsTheJidAndTheCalls_andThePeerSeesNothing() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        String callId = activeCall(juliet, first);
        int sentBefore = world.sent.size();

        first.open = false;
        sessions.detached(juliet, first, true);
        FakeLink second = new FakeLink();
        Optional<BrowserDevice> resumed = sessions.resume("juliet", token(first), second, n -> { });

        assertThat(resumed).containsSame(juliet);
        JsonNode registered = second.frames.get(0);
        assertThat(registered.get("type").asText()).isEqualTo("registered");
        assertThat(registered.get("jid").asText()).isEqualTo(juliet.jid().toString());
        assertThat(registered.get("resume").asText()).matches("[a-z2-7]{32}").isNotEqualTo(token(first));
        assertThat(registered.get("calls").toString()).isEqualTo("[{\"callId\":\"" + callId
                + "\",\"state\":\"active\"}]");
        assertThat(world.sent).as("no stanza to the peer, no presence change").hasSize(sentBefore);
        assertThat(presence).containsExactly("online " + juliet.jid());

        world.frame(juliet, "{\"type\":\"hangup\",\"callId\":\"" + callId + "\"}");
        assertThat(terminateReason()).as("the call still works after the resume").isEqualTo("success");
    }

    @Test
    void framesWhileAway_areHeldAndReplayedInOrderAfterRegistered() {
        Away away = awayInACall(sessions);
        BrowserDevice juliet = away.juliet();
        FakeLink first = away.first();
        String callId = away.callId();

        world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), SID);
        world.iq("modelled/conversations/transport-info-candidate-02.xml", ROMEO, juliet.jid(), SID);
        world.iq("modelled/conversations/session-terminate-success.xml", ROMEO, juliet.jid(), SID);
        FakeLink second = new FakeLink();
        sessions.resume("juliet", token(first), second, n -> { });

        assertThat(second.types()).containsExactly("registered", "candidate", "candidate", "hangup");
        assertThat(second.frames.get(0).get("calls").toString()).as("the call ended while away").isEqualTo("[]");
        assertThat(second.frames.get(1).get("candidate").asText()).contains("192.0.2.2 45569");
        assertThat(second.frames.get(2).get("candidate").asText()).contains("fd00::2 49209");
        assertThat(second.frames.get(3).get("callId").asText()).isEqualTo(callId);
        assertThat(second.frames.get(3).get("reason").asText()).isEqualTo("success");
    }

    @Test
    void heldFramesPastTheBound_endTheCallsWithGoneAndTakeTheDeviceOffline() {
        DeviceSessions tight = sessions(new ResumePolicy(WINDOW, 1, 100_000));
        Away away = awayInACall(tight);
        BrowserDevice juliet = away.juliet();
        FakeLink first = away.first();

        world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), SID);
        assertThat(terminates()).as("one frame held is within the bound").isZero();
        world.iq("modelled/conversations/transport-info-candidate-02.xml", ROMEO, juliet.jid(), SID);

        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason").elementText("text"))
                .isEqualTo("the browser was away and more frames waited for it than limits.held-frames or"
                        + " limits.held-frame-bytes allow");
        assertThat(presence).containsExactly("online " + juliet.jid(), "offline " + juliet.jid());
        assertThat(world.devices.size()).isZero();
        assertThat(world.service.size()).isZero();
        assertThat(tight.resume("juliet", token(first), new FakeLink(), n -> { })).isEmpty();
    }

    @Test
    void heldBytesPastTheBound_endTheCallsToo() {
        DeviceSessions tight = sessions(new ResumePolicy(WINDOW, 100, 300));
        Away away = awayInACall(tight);
        BrowserDevice juliet = away.juliet();
        FakeLink first = away.first();

        world.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), SID);
        world.iq("modelled/conversations/transport-info-candidate-02.xml", ROMEO, juliet.jid(), SID);

        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(world.devices.size()).isZero();
    }

    @Test
    void windowThatClosesWithoutAResume_endsTheCallsWithGoneAndSendsUnavailable() {
        Away away = awayInACall(sessions);
        BrowserDevice juliet = away.juliet();
        FakeLink first = away.first();

        world.timers.advance(WINDOW.minusMillis(1));
        assertThat(terminates()).as("still within the window").isZero();
        assertThat(sessions.away()).isOne();
        world.timers.advance(Duration.ofMillis(1));

        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason").elementText("text"))
                .isEqualTo("the browser did not come back within 30 s");
        assertThat(presence).containsExactly("online " + juliet.jid(), "offline " + juliet.jid());
        assertThat(world.devices.size()).isZero();
        assertThat(sessions.away()).isZero();
        assertThat(sessions.resume("juliet", token(first), new FakeLink(), n -> { }))
                .as("a token whose window closed").isEmpty();
    }

    @Test
    void token_isSingleUse() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        sessions.detached(juliet, first, true);
        FakeLink second = new FakeLink();
        assertThat(sessions.resume("juliet", token(first), second, n -> { })).containsSame(juliet);

        FakeLink third = new FakeLink();
        assertThat(sessions.resume("juliet", token(first), third, n -> { })).isEmpty();
        assertThat(third.frames).isEmpty();
        assertThat(second.open).as("a failed resume leaves the device's socket alone").isTrue();
        assertThat(sessions.resume("juliet", token(second), third, n -> { })).as("the new token works")
                .containsSame(juliet);
    }

    @Test
    void tokenOfAnotherUser_fails_andStaysUsableForItsOwnUser() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        sessions.detached(juliet, first, true);

        assertThat(sessions.resume("mallory", token(first), new FakeLink(), n -> { })).isEmpty();
        assertThat(sessions.resume("juliet", token(first), new FakeLink(), n -> { })).containsSame(juliet);
    }

    @Test
    void resumeWhileTheOldSocketIsOpen_closesItWith4001_andItsCloseChangesNothing() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        FakeLink second = new FakeLink();

        assertThat(sessions.resume("juliet", token(first), second, n -> { })).containsSame(juliet);
        assertThat(first.closeCode).isEqualTo(4001);
        sessions.detached(juliet, first, true);

        assertThat(sessions.away()).isZero();
        assertThat(juliet.carriedBy(second)).isTrue();
        world.timers.advance(WINDOW.multipliedBy(2));
        assertThat(world.devices.find(juliet.jid())).contains(juliet);
    }

    @Test
    void callsList_namesRingingCallsInTheirWords() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        world.message("modelled/conversations/jmi-propose-audio.xml", ROMEO, juliet.jid().asBareJID(), SID);
        String callId = last(first, "ring").get("callId").asText();
        sessions.detached(juliet, first, true);
        FakeLink second = new FakeLink();
        sessions.resume("juliet", token(first), second, n -> { });

        assertThat(second.frames.get(0).get("calls").toString()).isEqualTo("[{\"callId\":\"" + callId
                + "\",\"state\":\"ringing\"}]");
    }

    @Test
    void resumeOff_noToken_andAClosedSocketEndsTheCallsAtOnce() {
        DeviceSessions off = sessions(ResumePolicy.off());
        FakeLink first = new FakeLink();
        BrowserDevice juliet = off.register("juliet", first, n -> { });
        assertThat(first.frames.get(0).has("resume")).isFalse();
        activeCall(juliet, first);
        first.open = false;

        off.detached(juliet, first, true);

        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(world.lastJingle("session-terminate").getChildElement().element("reason").elementText("text"))
                .isEqualTo("the browser disconnected");
        assertThat(presence).containsExactly("online " + juliet.jid(), "offline " + juliet.jid());
        assertThat(world.timers.pending()).isZero();
    }

    @Test
    void socketClosedForCause_endsTheCallsAtOnceEvenWithResumeOn() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        activeCall(juliet, first);

        sessions.detached(juliet, first, false);

        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(sessions.resume("juliet", token(first), new FakeLink(), n -> { })).isEmpty();
    }

    @Test
    void administratorsDisconnect_closesTheSocketAndEndsTheDevice() {
        FakeLink first = new FakeLink();
        BrowserDevice juliet = sessions.register("juliet", first, n -> { });
        activeCall(juliet, first);

        juliet.disconnect("disconnected by an administrator");
        sessions.detached(juliet, first, true);

        assertThat(first.closeCode).isEqualTo(1008);
        assertThat(terminateReason()).isEqualTo("gone");
        assertThat(presence).containsExactly("online " + juliet.jid(), "offline " + juliet.jid());
        assertThat(sessions.away()).isZero();
    }
}
