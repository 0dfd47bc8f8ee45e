package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Two instances of one cluster (docs/operations.md, "Several instances"), as the call layer sees them: an active call
 * leaves one instance without ending (its snapshot and held frames go to the directory) and goes on at the other,
 * where the page resumes: same JID, same call, and a hang-up from either side still reaches the other with the
 * session's sid. The directory is a map in this test; ClusterNodeTest covers the Hazelcast one.
 */
final class HandOverTest {
    private static final JID ROMEO = DeviceSessionsTest.ROMEO;
    private static final String SID = DeviceSessionsTest.SID;

    /** The shared directory, in memory. */
    private static final class MapDirectory implements Directory {
        final Map<String, String> tokens = new LinkedHashMap<>();
        final Map<String, String> calls = new LinkedHashMap<>();
        final Map<String, List<String>> frames = new LinkedHashMap<>();
        /** Whether this instance serves; {@code leaveDuringClaim} turns it off while a claim runs. */
        boolean serving = true;
        boolean leaveDuringClaim;
        boolean claimDone;

        @Override
        public boolean serving() {
            return serving;
        }

        @Override
        public void deviceOnline(JID device, String tokenKey) {
            tokens.put(tokenKey, device.toString());
        }

        @Override
        public void deviceToken(JID device, String tokenKey, Optional<String> oldKey) {
            oldKey.ifPresent(tokens::remove);
            tokens.put(tokenKey, device.toString());
        }

        @Override
        public void deviceReleased(JID device, List<String> heldFrames) {
            frames.put(device.toString(), heldFrames);
        }

        @Override
        public void callSaved(JID device, String callId, String snapshot) {
            calls.put(device + "|" + callId, snapshot);
        }

        @Override
        public void callGone(JID device, String callId) {
            calls.remove(device + "|" + callId);
        }

        @Override
        public Optional<Claimed> claim(String user, String tokenKey) {
            String jid = tokens.remove(tokenKey);
            if (jid == null || !user.equals(new JID(jid).getNode())) {
                return Optional.empty();
            }
            List<String> snapshots = calls.entrySet().stream().filter(e -> e.getKey().startsWith(jid + "|"))
                    .map(Map.Entry::getValue).toList();
            serving = !leaveDuringClaim;
            return Optional.of(new Claimed(new JID(jid), snapshots, frames.getOrDefault(jid, List.of()),
                    () -> claimDone = true));
        }
    }

    private final MapDirectory directory = new MapDirectory();
    private final CallWorld first = new CallWorld();
    private final CallWorld second = new CallWorld();
    private final DevicePresence quiet = new DevicePresence() {
        @Override
        public void deviceOnline(Device device) {
        }

        @Override
        public void deviceOffline(Device device) {
        }
    };
    private final ResumePolicy policy = new ResumePolicy(java.time.Duration.ofSeconds(30), 50, 100_000);
    private final DeviceSessions here;
    private final DeviceSessions there;

    HandOverTest() {
        first.service.setDirectory(directory);
        second.service.setDirectory(directory);
        here = new DeviceSessions(first.service, quiet, policy, first.timers);
        there = new DeviceSessions(second.service, quiet, policy, second.timers);
    }

    /** Juliet, registered on the first instance, in an active call with romeo; her socket on {@code link}. */
    private String activeCall(BrowserDevice juliet, DeviceSessionsTest.FakeLink link) {
        return DeviceSessionsTest.activeCall(first, juliet, link);
    }

    private static JsonNode last(DeviceSessionsTest.FakeLink link, String type) {
        return DeviceSessionsTest.last(link, type);
    }

    /** Juliet's call handed from the first instance to the second by a resume there. */
    private record Moved(BrowserDevice juliet, DeviceSessionsTest.FakeLink old, DeviceSessionsTest.FakeLink now,
                         String callId, int sentByFirstBeforeRelease) {
    }

    private Moved moveActiveCall() {
        DeviceSessionsTest.FakeLink old = new DeviceSessionsTest.FakeLink();
        BrowserDevice juliet = here.register("juliet", old, n -> { });
        String callId = activeCall(juliet, old);
        assertThat(directory.calls).as("the active call's snapshot is in the directory").hasSize(1);
        int sent = first.sent.size();

        assertThat(here.release(juliet.jid())).isTrue();
        DeviceSessionsTest.FakeLink now = new DeviceSessionsTest.FakeLink();
        Optional<BrowserDevice> resumed = there.resume("juliet", old.frames.get(0).get("resume").asText(), now,
                n -> { });
        assertThat(resumed).isPresent();
        return new Moved(resumed.get(), old, now, callId, sent);
    }

    @Test
    void aResumeOnAnotherInstance_keepsTheJidAndTheActiveCall_andTheFirstForgetsItSilently() {
        Moved m = moveActiveCall();

        assertThat(m.old().closeCode).as("the old socket is closed as replaced").isEqualTo(DeviceSessions.REPLACED);
        JsonNode registered = m.now().frames.get(0);
        assertThat(registered.get("jid").asText()).isEqualTo(m.juliet().jid().toString());
        assertThat(registered.get("calls").toString()).isEqualTo("[{\"callId\":\"" + m.callId()
                + "\",\"state\":\"active\"}]");
        assertThat(first.sent).as("the first instance told the peer nothing").hasSize(m.sentByFirstBeforeRelease());
        assertThat(first.service.size()).isZero();
        assertThat(first.devices.find(m.juliet().jid())).isEmpty();
        assertThat(second.service.size()).isOne();
    }

    @Test
    void anInstanceThatLeftItsClusterDuringTheClaim_handsTheDeviceBack_andSendsThePageElsewhere() {
        directory.leaveDuringClaim = true;
        DeviceSessionsTest.FakeLink old = new DeviceSessionsTest.FakeLink();
        BrowserDevice juliet = here.register("juliet", old, n -> { });
        activeCall(juliet, old);
        assertThat(here.release(juliet.jid())).isTrue();

        DeviceSessionsTest.FakeLink now = new DeviceSessionsTest.FakeLink();
        there.resume("juliet", old.frames.get(0).get("resume").asText(), now, n -> { });

        assertThat(now.closeCode).as("the page goes on to another instance at once").isEqualTo(1012);
        assertThat(second.devices.find(juliet.jid())).as("the device is not kept here").isEmpty();
        assertThat(second.service.size()).isZero();
        assertThat(directory.claimDone).as("no replay of held stanzas here").isFalse();
        assertThat(second.sent).as("the peer was told nothing").isEmpty();
    }

    @Test
    void afterTheMove_theBrowsersHangupReachesThePeer_withTheSessionsSidAndJids() {
        Moved m = moveActiveCall();

        second.frame(m.juliet(), "{\"type\":\"hangup\",\"callId\":\"" + m.callId() + "\"}");

        IQ terminate = second.lastJingle("session-terminate");
        assertThat(terminate.getChildElement().attributeValue("sid")).isEqualTo(SID);
        assertThat(terminate.getFrom()).isEqualTo(m.juliet().jid());
        assertThat(terminate.getTo()).isEqualTo(ROMEO);
        assertThat(directory.calls).as("an ended call leaves the directory").isEmpty();
    }

    @Test
    void afterTheMove_thePeersTerminateEndsThePage() {
        Moved m = moveActiveCall();

        second.iq("modelled/conversations/session-terminate-success.xml", ROMEO, m.juliet().jid(), SID);

        assertThat(last(m.now(), "hangup").get("callId").asText()).isEqualTo(m.callId());
    }

    @Test
    void framesHeldOnTheFirstInstance_followRegisteredOnTheSecond() {
        DeviceSessionsTest.FakeLink old = new DeviceSessionsTest.FakeLink();
        BrowserDevice juliet = here.register("juliet", old, n -> { });
        String callId = activeCall(juliet, old);
        old.open = false;
        here.detached(juliet, old, true);
        first.iq("modelled/conversations/session-terminate-success.xml", ROMEO, juliet.jid(), SID);

        assertThat(here.release(juliet.jid())).isTrue();
        DeviceSessionsTest.FakeLink now = new DeviceSessionsTest.FakeLink();
        there.resume("juliet", old.frames.get(0).get("resume").asText(), now, n -> { });

        assertThat(now.types()).containsExactly("registered", "hangup");
        assertThat(now.frames.get(0).get("calls").size()).as("the call ended while away").isZero();
        assertThat(now.frames.get(1).get("callId").asText()).isEqualTo(callId);
    }

    @Test
    void aCallNobodyClaimed_isEndedOnThePeersSideByASurvivor() {
        DeviceSessionsTest.FakeLink old = new DeviceSessionsTest.FakeLink();
        BrowserDevice juliet = here.register("juliet", old, n -> { });
        activeCall(juliet, old);
        List<String> snapshots = new ArrayList<>(directory.calls.values());

        second.service.endOrphan(snapshots.get(0), "gone", "the browser did not come back");

        IQ terminate = second.lastJingle("session-terminate");
        assertThat(terminate.getChildElement().attributeValue("sid")).isEqualTo(SID);
        assertThat(terminate.getFrom()).isEqualTo(juliet.jid());
        assertThat(terminate.getChildElement().element("reason").elements().get(0).getName()).isEqualTo("gone");
        assertThat(second.service.size()).isZero();
    }

    @Test
    void aTransportInfoThatOvertookItsSessionInitiate_waitsForIt_andIsHandledAfterIt() {
        CallWorld.FakeDevice juliet = second.device("juliet", "web-j");
        IQ info = second.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), SID);
        assertThat(second.sentWhere(p -> p instanceof IQ iq && info.getID().equals(iq.getID())))
                .as("not refused while its session may still come through another instance").isEmpty();

        IQ initiate = second.iq("modelled/conversations/session-initiate-audio.xml", ROMEO, juliet.jid(), SID);

        assertThat(second.replyTo(initiate).getType()).isEqualTo(IQ.Type.result);
        assertThat(second.replyTo(info).getType()).as("handled once its session exists").isEqualTo(IQ.Type.result);
        assertThat(juliet.of("offer")).hasSize(1);
    }

    @Test
    void aTransportInfoWhoseSessionNeverComes_getsUnknownSessionAfterAWhile() {
        CallWorld.FakeDevice juliet = second.device("juliet", "web-j");
        IQ info = second.iq("modelled/conversations/transport-info-candidate-01.xml", ROMEO, juliet.jid(), "nope");

        second.timers.advance(XmppRouter.EARLY_WAIT);

        IQ reply = second.replyTo(info);
        assertThat(reply.getType()).isEqualTo(IQ.Type.error);
        assertThat(reply.getError().getApplicationConditionName()).isEqualTo("unknown-session");
    }
}
