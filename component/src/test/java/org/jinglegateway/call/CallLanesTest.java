package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * The serial-lane guarantee on the production executors (a Guava sequential executor per call over a real pool):
 * one call's events keep their order, and a call whose handler is stuck holds up no other call.
 */
final class CallLanesTest {
    private static final int EVENTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final DeviceRegistry devices = new DeviceRegistry();
    private final CallService service = new CallService(CallWorld.DOMAIN, devices, p -> { }, new ManualTimers(),
            pool, Duration.ofSeconds(60));
    private final BrowserFrameDecoder decoder = new BrowserFrameDecoder(JSON);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void queuedTestExecutor_runsANestedTaskAfterTheTaskThatAskedForIt() {
        QueueingExecutor executor = new QueueingExecutor();
        List<String> ran = new ArrayList<>();

        executor.execute(() -> {
            executor.execute(() -> ran.add("nested"));
            ran.add("outer");
        });

        assertThat(ran).containsExactly("outer", "nested");
    }

    @Test
    void blockedCall_doesNotHoldUpAnotherCall_andEachCallKeepsItsOrder() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aliceStuck = new CountDownLatch(1);
        Recorder alice = new Recorder(new JID("alice", CallWorld.DOMAIN, "web-a"), EVENTS) {
            @Override
            void beforeFirst() throws InterruptedException {
                aliceStuck.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
        };
        Recorder bob = new Recorder(new JID("bob", CallWorld.DOMAIN, "web-b"), EVENTS);
        devices.add(alice);
        devices.add(bob);
        place(alice);
        place(bob);

        for (int i = 0; i < EVENTS; i++) {
            frame(alice, badCandidate(i));
            frame(bob, badCandidate(i));
        }

        assertThat(aliceStuck.await(10, TimeUnit.SECONDS)).as("alice's lane is stuck in its first frame").isTrue();
        assertThat(bob.done.await(10, TimeUnit.SECONDS)).as("bob's call went on while alice's was stuck").isTrue();
        assertThat(alice.mids()).as("alice's lane is still stuck").isEmpty();
        release.countDown();
        assertThat(alice.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(alice.mids()).containsExactlyElementsOf(expectedMids());
        assertThat(bob.mids()).containsExactlyElementsOf(expectedMids());
    }

    private void place(Recorder device) {
        frame(device, "{\"type\":\"call\",\"callId\":\"c1\",\"to\":\"romeo@example.net/r\",\"sdp\":"
                + JSON.valueToTree(CallWorld.fixture("chrome/audio-offer.sdp")) + "}");
    }

    private void frame(Recorder device, String json) {
        service.onFrame(device, (BrowserFrame.ForCall) decoder.decode(json));
    }

    /** A candidate for a media section the call does not have: the lane answers it with a bad-candidate error. */
    private static String badCandidate(int i) {
        return "{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.2 5000"
                + " typ host\",\"sdpMid\":\"m" + i + "\"}";
    }

    private static List<String> expectedMids() {
        List<String> mids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            mids.add("m" + i);
        }
        return mids;
    }

    /** A device that records the sdpMid each bad-candidate error names, and counts them down. */
    private static class Recorder implements Device {
        private final JID jid;
        final List<ObjectNode> errors = new CopyOnWriteArrayList<>();
        final CountDownLatch done;

        Recorder(JID jid, int expected) {
            this.jid = jid;
            this.done = new CountDownLatch(expected);
        }

        void beforeFirst() throws InterruptedException {
        }

        @Override
        public JID jid() {
            return jid;
        }

        @Override
        public void send(ObjectNode frame) {
            if (!"error".equals(frame.path("type").asText())) {
                return;
            }
            try {
                if (errors.isEmpty() && done.getCount() == EVENTS) {
                    beforeFirst();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            errors.add(frame);
            done.countDown();
        }

        List<String> mids() {
            return errors.stream().map(f -> {
                String message = f.get("message").asText();
                int start = message.indexOf('"') + 1;
                return message.substring(start, message.indexOf('"', start));
            }).toList();
        }
    }
}
