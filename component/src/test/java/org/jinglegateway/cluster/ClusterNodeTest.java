package org.jinglegateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jinglegateway.call.Directory;
import org.jinglegateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Three cluster nodes in this JVM on real Hazelcast over loopback (no XMPP): stanzas reach the instance that holds a
 * device, wait in the cluster while nobody does, and a claim moves a device with its calls and held frames, once.
 */
final class ClusterNodeTest {
    private static final JID ALICE = new JID("alice@gw.test/web-aaaa");
    private static final JID BOB = new JID("bob@gw.test/web-bbbb");
    private static final JID CAROL = new JID("carol@gw.test/web-cccc");
    private static final JID PEER = new JID("bob@example.org/phone");

    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<Recorder> locals = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(n -> {
            try {
                n.close();
            } catch (RuntimeException e) {
                // a node killed by the test is closed already
            }
        });
    }

    @Test
    void aStanzaForADeviceGoesToTheInstanceThatHoldsIt_andOnlyThere() throws Exception {
        start(2);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        IQ iq = jingleSet(ALICE);

        assertThat(nodes.get(0).routing().route(iq)).as("the holder handles it itself").isFalse();
        assertThat(nodes.get(1).routing().route(iq)).as("the other passes it on").isTrue();

        await(() -> locals.get(0).delivered.size() == 1, "the holder gets the stanza");
        assertThat(locals.get(0).delivered.get(0).getID()).isEqualTo(iq.getID());
        assertThat(locals.get(1).delivered).isEmpty();
    }

    @Test
    void anAnswerToASharedAddress_goesToTheInstanceItsIdNames() throws Exception {
        start(3);
        String suffix = nodes.get(0).directory().requestIdSuffix();
        IQ answer = new IQ(IQ.Type.result, "caps-abc" + suffix);
        answer.setTo(new JID("alice", "gw.test", null));
        answer.setFrom(PEER);

        assertThat(nodes.get(0).routing().route(answer)).as("the asker handles it itself").isFalse();
        assertThat(nodes.get(2).routing().route(answer)).as("another passes it on").isTrue();
        await(() -> locals.get(0).delivered.size() == 1, "the asker gets the answer");
        assertThat(locals.get(0).delivered.get(0).getID()).isEqualTo(answer.getID());

        IQ request = new IQ(IQ.Type.get, "caps-abc" + suffix);
        request.setTo(new JID("alice", "gw.test", null));
        assertThat(nodes.get(2).routing().route(request)).as("a request is no answer").isFalse();
        IQ unknown = new IQ(IQ.Type.result, "caps-abc~nobody12");
        unknown.setTo(new JID("alice", "gw.test", null));
        assertThat(nodes.get(2).routing().route(unknown)).as("an id naming no live instance").isFalse();
        kill(0);
        assertThat(nodes.get(2).routing().route(answer)).as("nor a dead one").isFalse();
        assertThat(locals.get(1).delivered).isEmpty();
    }

    @Test
    void aClaimAfterTheHolderLetGo_movesTheDeviceWithItsCallsAndFrames_once() throws Exception {
        start(3);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(0).directory().callSaved(ALICE, "c1", "{\"callId\":\"c1\"}");
        await(() -> nodes.get(0).directory().callCount() == 1, "the snapshot is written");
        locals.get(0).onRelease = () -> nodes.get(0).directory().deviceReleased(ALICE,
                List.of("{\"type\":\"candidate\"}"));

        Optional<Directory.Claimed> claimed = nodes.get(1).directory().claim("alice", "key-1");

        assertThat(claimed).as("the claim succeeds").isPresent();
        assertThat(locals.get(0).released).containsExactly(ALICE);
        assertThat(claimed.get().device()).isEqualTo(ALICE);
        assertThat(claimed.get().calls()).containsExactly("{\"callId\":\"c1\"}");
        assertThat(claimed.get().heldFrames()).containsExactly("{\"type\":\"candidate\"}");
        assertThat(nodes.get(2).directory().claim("alice", "key-1")).as("the token was used").isEmpty();

        IQ iq = jingleSet(ALICE);
        assertThat(nodes.get(2).routing().route(iq)).isTrue();
        await(() -> locals.get(1).delivered.size() == 1, "the claimer gets stanzas for the device from now on");
    }

    @Test
    void aTokenOfAnotherUser_claimsNothing() throws Exception {
        start(2);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        assertThat(nodes.get(1).directory().claim("mallory", "key-1")).isEmpty();
        assertThat(nodes.get(1).directory().claim("alice", "key-2")).isEmpty();
        assertThat(locals.get(0).released).isEmpty();
    }

    @Test
    void whenTheHolderDies_stanzasWaitForTheClaimer_andReachItInOrder() throws Exception {
        start(3);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(0).directory().callSaved(ALICE, "c1", "{\"callId\":\"c1\"}");
        await(() -> nodes.get(0).directory().callCount() == 1, "the snapshot is written");
        kill(0);
        IQ first = jingleSet(ALICE);
        IQ second = jingleSet(ALICE);

        assertThat(nodes.get(1).routing().route(first)).isTrue();
        assertThat(nodes.get(2).routing().route(second)).isTrue();
        Optional<Directory.Claimed> claimed = nodes.get(2).directory().claim("alice", "key-1");

        assertThat(claimed).isPresent();
        assertThat(claimed.get().calls()).containsExactly("{\"callId\":\"c1\"}");
        claimed.get().done().run();
        assertThat(locals.get(2).delivered).extracting(Packet::getID).containsExactly(first.getID(), second.getID());
    }

    @Test
    void stanzasForADeviceNobodyHolds_areBounded_andTheRequestPastTheBoundIsRefused() throws Exception {
        start(2);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        kill(0);
        for (int i = 0; i < SharedDirectory.MAX_HELD_PER_DEVICE; i++) {
            assertThat(nodes.get(1).routing().route(jingleSet(ALICE))).isTrue();
        }
        assertThat(locals.get(1).sentOut).as("all kept so far").isEmpty();

        IQ tooMany = jingleSet(ALICE);
        assertThat(nodes.get(1).routing().route(tooMany)).isTrue();

        assertThat(locals.get(1).sentOut).hasSize(1);
        IQ refusal = (IQ) locals.get(1).sentOut.get(0);
        assertThat(refusal.getID()).isEqualTo(tooMany.getID());
        assertThat(refusal.getError().getCondition().toXMPP()).isEqualTo("resource-constraint");
    }

    @Test
    void anInstanceLeftInTheMinority_stepsBack_andRoutesNothing() throws Exception {
        start(3);
        nodes.get(1).directory().deviceOnline(ALICE, "key-1");
        kill(0);
        assertThat(locals.get(1).excluded).as("two of three carry on").isZero();
        assertThat(nodes.get(2).directory().serving()).isTrue();

        kill(1);

        // at once, not at the watchdog's next tick: a page resuming in between must go elsewhere
        assertThat(nodes.get(2).directory().serving()).as("one of three serves no page").isFalse();
        assertThat(nodes.get(2).directory().claim("alice", "key-1")).as("nor claims a device").isEmpty();
        await(() -> locals.get(2).excluded == 1, "the last one steps back");
        assertThat(nodes.get(2).routing().route(jingleSet(ALICE))).as("and takes no stanza").isTrue();
        assertThat(nodes.get(2).routing().anyLink()).isFalse();
    }

    @Test
    void theAdminSeesTheDevicesOfEveryInstance_andDisconnectsOneWhereverItIs() throws Exception {
        start(3);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(1).directory().deviceOnline(BOB, "key-2");
        nodes.get(1).directory().deviceOnline(CAROL, "key-3");
        nodes.get(1).directory().deviceReleased(CAROL, List.of());

        assertThat(nodes.get(2).directory().deviceJids()).as("a device let go of is not online")
                .containsExactlyInAnyOrder(ALICE.toString(), BOB.toString());
        assertThat(nodes.get(2).directory().disconnectElsewhere(BOB.toString(), "by an admin")).isTrue();
        assertThat(locals.get(1).disconnected).containsExactly(BOB + " by an admin");
        assertThat(locals.get(0).disconnected).isEmpty();
        assertThat(nodes.get(0).directory().disconnectElsewhere(ALICE.toString(), "x")).as("held here, not elsewhere")
                .isFalse();
        assertThat(nodes.get(2).directory().disconnectElsewhere("nobody@gw.test/web-0", "x")).isFalse();
    }

    @Test
    void readmitted_anInstanceLetsGoOfTheDevicesTheDirectoryStillGivesIt_forTheirPagesToClaim() throws Exception {
        start(2);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(0).directory().deviceOnline(BOB, "key-2");
        nodes.get(1).directory().deviceOnline(CAROL, "key-3");

        assertThat(nodes.get(0).directory().letGoOfMine()).as("its two, not the other's").isEqualTo(2);
        assertThat(nodes.get(0).directory().letGoOfMine()).as("once").isZero();

        assertThat(nodes.get(1).directory().claim("alice", "key-1")).as("claimed without asking it").isPresent();
        assertThat(locals.get(0).released).isEmpty();
        assertThat(nodes.get(0).directory().claim("carol", "key-3")).as("the other's device is still held")
                .isPresent();
        assertThat(locals.get(1).released).as("so its holder was asked").containsExactly(CAROL);
        assertThat(nodes.get(0).directory().claim("bob", "key-2")).as("a device it let go of may come back to it")
                .isPresent();
    }

    @Test
    void aFrozenInstance_comesBackAsANewMember_withNoOldCopyOfTheDirectory_andLetsGoOfWhatItHeld() throws Exception {
        start(3);
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(1).directory().deviceOnline(BOB, "key-2");
        nodes.get(1).directory().callSaved(BOB, "c1", "{\"callId\":\"c1\"}");
        await(() -> nodes.get(2).directory().callCount() == 1, "the snapshot is written");
        await(nodes.get(0)::safe, "every entry has its backup");
        com.hazelcast.cluster.Member before = nodes.get(0).memberForTest();

        nodes.get(0).frozenForTest();

        await(() -> locals.get(0).excluded == 1, "the frozen instance steps back");
        await(() -> locals.get(0).readmitted == 1, "and is readmitted");
        com.hazelcast.cluster.Member after = nodes.get(0).memberForTest();
        assertThat(after.getUuid()).as("as a new member").isNotEqualTo(before.getUuid());
        assertThat(after.isLiteMember()).as("that took its share of the data").isFalse();
        assertThat(nodes.get(0).size()).isEqualTo(3);
        assertThat(nodes.get(1).size()).as("the others see three members, not four").isEqualTo(3);
        assertThat(nodes.get(0).directory().callCount()).as("what the others wrote is still there").isEqualTo(1);
        assertThat(nodes.get(0).directory().entry(ALICE.toString()).released()).as("its own device is let go of")
                .isTrue();
        assertThat(nodes.get(2).directory().claim("alice", "key-1")).as("for its page to claim elsewhere")
                .isPresent();
        assertThat(locals.get(0).released).as("without asking the instance that let go").isEmpty();
        assertThat(nodes.get(0).routing().route(jingleSet(BOB))).isTrue();
        await(() -> locals.get(1).delivered.size() == 1, "and it routes again");
    }

    @Test
    void aDeviceNobodyClaims_isSweptAfterTheWindow_byTheOldestSurvivor_once() throws Exception {
        window = Duration.ofSeconds(1);
        start(3);
        nodes.get(1).directory().deviceOnline(ALICE, "key-1");
        nodes.get(1).directory().callSaved(ALICE, "c1", "{\"callId\":\"c1\"}");
        await(() -> nodes.get(1).directory().callCount() == 1, "the snapshot is written");
        kill(1);

        await(() -> locals.get(0).offline.contains(ALICE), "the oldest sweeps the device");
        assertThat(locals.get(0).orphans).containsExactly("{\"callId\":\"c1\"}");
        assertThat(locals.get(2).orphans).as("only the oldest sweeps").isEmpty();
        assertThat(nodes.get(2).directory().claim("alice", "key-1")).as("and the device is gone").isEmpty();
    }

    @Test
    void aDeviceLetGoOfOnALiveInstance_andNeverClaimed_isSweptToo() throws Exception {
        window = Duration.ofSeconds(1);
        start(2);
        nodes.get(1).directory().deviceOnline(ALICE, "key-1");
        nodes.get(1).directory().callSaved(ALICE, "c1", "{\"callId\":\"c1\"}");
        await(() -> nodes.get(1).directory().callCount() == 1, "the snapshot is written");
        nodes.get(1).directory().deviceReleased(ALICE, List.of());

        await(() -> locals.get(0).offline.contains(ALICE), "the oldest sweeps the device");
        assertThat(locals.get(0).orphans).containsExactly("{\"callId\":\"c1\"}");
    }

    @Test
    void aProposalToAUserWithDevicesOnTwoInstances_ringsOnBoth_andNotOnTheThird() throws Exception {
        start(3);
        JID other = new JID("alice@gw.test/web-bbbb");
        nodes.get(0).directory().deviceOnline(ALICE, "key-1");
        nodes.get(1).directory().deviceOnline(other, "key-2");
        Message propose = new Message();
        propose.setTo(ALICE.asBareJID());
        propose.setFrom(PEER);
        propose.setID("p1");

        assertThat(nodes.get(2).routing().route(propose)).isTrue();

        await(() -> locals.get(0).shared.size() == 1 && locals.get(1).shared.size() == 1, "both holders ring");
        assertThat(locals.get(2).shared).isEmpty();
        assertThat(nodes.get(2).directory().devicesOf("alice")).containsExactlyInAnyOrder(ALICE, other);
    }

    @Test
    void aPeersUnavailablePresence_reachesEveryInstance() throws Exception {
        start(3);
        Presence gone = new Presence(Presence.Type.unavailable);
        gone.setFrom(PEER);
        gone.setTo(ALICE.asBareJID());

        assertThat(nodes.get(1).routing().route(gone)).as("handled here too").isFalse();

        await(() -> locals.get(0).presences.size() == 1 && locals.get(2).presences.size() == 1, "all instances hear");
        assertThat(locals.get(1).presences).isEmpty();
    }

    @Test
    void aStandbyWithoutALink_sendsOverTheInstanceThatHasOne() throws Exception {
        start(2, new boolean[] {true, false});
        nodes.get(0).routing().link(true);
        IQ out = jingleSet(PEER);

        assertThat(nodes.get(0).routing().sendElsewhere(out)).as("the linked one sends itself").isFalse();
        await(() -> nodes.get(1).routing().anyLink(), "the standby sees the link");
        assertThat(nodes.get(1).routing().sendElsewhere(out)).isTrue();
        await(() -> locals.get(0).sentOut.size() == 1, "the linked instance writes it");
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private void start(int n) throws IOException, InterruptedException {
        start(n, null);
    }

    private Duration window = Duration.ofSeconds(30);

    private void start(int n, boolean[] linked) throws IOException, InterruptedException {
        // below the ephemeral range: a port the kernel picks may meanwhile become the local port of a member's
        // outbound connection, and a member that comes back binds its port again
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < n) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try (ServerSocket s = new ServerSocket(port)) {
                if (!ports.contains(port)) {
                    ports.add(port);
                }
            } catch (IOException taken) {
                // another one
            }
        }
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        for (int i = 0; i < n; i++) {
            Recorder r = new Recorder();
            boolean up = linked != null && linked[i];
            BooleanSupplier link = () -> up;
            locals.add(r);
            nodes.add(ClusterNode.start(new GatewayConfig.Cluster(ports.get(i), "127.0.0.1", members, 5), "gw.test",
                    "secret", r, window, link));
        }
        await(() -> nodes.stream().allMatch(x -> x.size() == n), n + " members");
    }

    private final List<ClusterNode> killed = new ArrayList<>();

    private void kill(int i) throws Exception {
        ClusterNode victim = nodes.get(i);
        // as in production: entries written just after a join have no backup until the partitions have moved
        await(victim::safe, "every entry has its backup");
        victim.terminateForTest();
        killed.add(victim);
        int left = nodes.size() - killed.size();
        await(() -> nodes.stream().filter(x -> !killed.contains(x)).allMatch(x -> x.size() == left),
                "the others see it");
    }

    private static IQ jingleSet(JID to) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setTo(to);
        iq.setFrom(PEER);
        iq.setChildElement("jingle", "urn:xmpp:jingle:1").addAttribute("action", "transport-info")
                .addAttribute("sid", "s1");
        return iq;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** What the cluster handed an instance. */
    private static final class Recorder implements ClusterNode.Local {
        final List<Packet> delivered = new CopyOnWriteArrayList<>();
        final List<Message> shared = new CopyOnWriteArrayList<>();
        final List<Packet> sentOut = new CopyOnWriteArrayList<>();
        final List<Presence> presences = new CopyOnWriteArrayList<>();
        final List<JID> released = new CopyOnWriteArrayList<>();
        final List<String> orphans = new CopyOnWriteArrayList<>();
        final List<JID> offline = new CopyOnWriteArrayList<>();
        final List<String> disconnected = new CopyOnWriteArrayList<>();
        volatile Runnable onRelease = () -> { };
        volatile int excluded;
        volatile int readmitted;

        @Override
        public void deliver(Packet packet) {
            delivered.add(packet);
        }

        @Override
        public void deliverShared(Message message) {
            shared.add(message);
        }

        @Override
        public void sendOut(Packet packet) {
            sentOut.add(packet);
        }

        @Override
        public void presence(Presence presence) {
            presences.add(presence);
        }

        @Override
        public boolean release(JID device) {
            released.add(device);
            onRelease.run();
            return true;
        }

        @Override
        public void endSiblings(JID user, String sid, JID peerBare, String reason, String text) {
        }

        @Override
        public void endOrphan(String snapshot, String reason, String text) {
            orphans.add(snapshot);
        }

        @Override
        public void deviceOffline(JID device) {
            offline.add(device);
        }

        @Override
        public boolean endCall(String id, String reason) {
            return false;
        }

        @Override
        public boolean disconnect(String jid, String why) {
            disconnected.add(jid + " " + why);
            return true;
        }

        @Override
        public void reload() {
        }

        @Override
        public void excluded() {
            excluded++;
        }

        @Override
        public void readmitted() {
            readmitted++;
        }
    }
}
