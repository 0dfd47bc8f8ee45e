package org.jinglegateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.multimap.MultiMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Directory;
import org.jinglegateway.xmpp.UserPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The directory every instance of a cluster shares (docs/operations.md, "Several instances"), in Hazelcast maps: which
 * instance holds each browser device ({@code jg-devices}) and each resume token ({@code jg-tokens}), every call's
 * snapshot ({@code jg-calls}), frames a device's old instance held for it ({@code jg-frames}), each user's devices
 * and watchers, and stanzas waiting for a device nobody holds now ({@code jg-held}). It claims a device for a resume
 * here, lets one go for a claim elsewhere, and sweeps the devices of a dead instance that nobody claimed.
 */
public final class SharedDirectory implements Directory, UserPresence.Shared, CallService.ClusterCalls {
    private static final Logger log = LoggerFactory.getLogger(SharedDirectory.class);
    /** How long a claim waits for the instance that holds the device to let it go. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(8);
    /** Stanzas kept for one device while nobody holds it. */
    static final int MAX_HELD_PER_DEVICE = 500;
    /** Watcher entries the cluster keeps in all (one process: 100,000 users with up to 1,000 each). */
    static final int MAX_WATCHERS = 1_000_000;
    /** Beyond the resume window, before a device nobody claimed is swept. */
    private static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

    private final ClusterNode node;
    // this member's proxies: replaced when the instance comes back as a new member (ClusterNode#renew)
    private volatile IMap<String, DeviceEntry> devices;
    private volatile IMap<String, String> tokens;
    private volatile IMap<String, String> calls;
    private volatile IMap<String, ArrayList<String>> frames;
    private volatile MultiMap<String, String> userDevices;
    private volatile MultiMap<String, String> held;
    private volatile MultiMap<String, String> watchers;
    /** Snapshot writes not confirmed yet, by call key. */
    private final Map<String, java.util.concurrent.CompletionStage<Void>> saving =
            new java.util.concurrent.ConcurrentHashMap<>();

    SharedDirectory(ClusterNode node) {
        this.node = node;
        bind(node.hz());
    }

    /** Takes the maps from {@code hz}, this instance's Hazelcast member now. */
    void bind(HazelcastInstance hz) {
        devices = hz.getMap("jg-devices");
        tokens = hz.getMap("jg-tokens");
        calls = hz.getMap("jg-calls");
        frames = hz.getMap("jg-frames");
        userDevices = hz.getMultiMap("jg-user-devices");
        held = hz.getMultiMap("jg-held");
        watchers = hz.getMultiMap("jg-watchers");
    }

    /**
     * The entry of a device (full JID), if any instance holds or held it, from this instance's near cache: it follows
     * changes, but an invalidation lost while partitions move leaves it behind until Hazelcast repairs it.
     */
    DeviceEntry entry(String jid) {
        return devices.get(jid);
    }

    /** The entry as the key's owner member has it now, never the near cache: for decisions a stale copy spoils. */
    DeviceEntry freshEntry(String jid) {
        return devices.executeOnKey(jid, new Tasks.Read());
    }

    /** The instances that hold a device of {@code user} now (not let go of, and alive). */
    Set<String> liveOwnersOf(String user) {
        Set<String> owners = new LinkedHashSet<>();
        for (String jid : userDevices.get(user)) {
            DeviceEntry e = devices.get(jid);
            if (e != null && !e.released() && node.alive(e.owner())) {
                owners.add(e.owner());
            }
        }
        return owners;
    }

    /** Calls held by every instance. */
    public int callCount() {
        return calls.size();
    }

    /** Calls held by every instance, as snapshots (for the admin commands). */
    @Override
    public Collection<String> snapshots() {
        return calls.values();
    }

    /** Bytes the call snapshots this member owns take in its part of the map (backups not counted). */
    public long callBytesHere() {
        return calls.getLocalMapStats().getOwnedEntryMemoryCost();
    }

    /**
     * Keeps a stanza for a device nobody holds now, for whoever claims it; past {@link #MAX_HELD_PER_DEVICE} a request
     * is refused (wait, resource-constraint) and anything else dropped, so that a peer cannot fill the cluster.
     */
    void hold(JID to, Packet packet, String owner) {
        if (held.valueCount(to.toString()) >= MAX_HELD_PER_DEVICE) {
            log.warn("cluster.held-full to={} from={}", to, packet.getFrom());
            if (packet instanceof IQ iq && (iq.getType() == IQ.Type.set || iq.getType() == IQ.Type.get)) {
                IQ error = IQ.createResultIQ(iq);
                error.setError(new PacketError(PacketError.Condition.resource_constraint, PacketError.Type.wait,
                        to + " is moving to another gateway instance; try again in a moment"));
                node.local().sendOut(error);
            }
            return;
        }
        held.put(to.toString(), packet.toXML());
        log.info("cluster.held to={} owner={}", to, owner);
    }

    // ---- presence ------------------------------------------------------------------------------------------------

    /** The full JIDs of a user's devices on every instance. */
    @Override
    public List<JID> devicesOf(String user) {
        return userDevices.get(user).stream().map(JID::new).toList();
    }

    /**
     * Remembers that {@code who} watches {@code user}; false when it did already, or the user has {@code maxPerUser}
     * watchers, or the cluster keeps {@link #MAX_WATCHERS} in all (anyone may subscribe to any name at the domain).
     */
    @Override
    public boolean watch(String user, JID who, int maxPerUser) {
        String bare = who.toBareJID();
        if (watchers.containsEntry(user, bare) || watchers.valueCount(user) >= maxPerUser
                || watchers.size() >= MAX_WATCHERS) {
            return false;
        }
        return watchers.put(user, bare);
    }

    @Override
    public void unwatch(String user, JID who) {
        watchers.remove(user, who.toBareJID());
    }

    @Override
    public List<JID> watchersOf(String user) {
        return watchers.get(user).stream().map(JID::new).toList();
    }

    /** Every user someone watches, with the watchers. */
    @Override
    public Map<String, Collection<String>> all() {
        Map<String, Collection<String>> all = new java.util.HashMap<>();
        for (String user : watchers.keySet()) {
            all.put(user, watchers.get(user));
        }
        return all;
    }

    // ---- Directory ------------------------------------------------------------------------------------------------

    @Override
    public void deviceOnline(JID device, String tokenKey) {
        if (node.excluded()) {
            return;
        }
        devices.set(device.toString(), DeviceEntry.heldBy(node.tag(), tokenKey));
        if (!tokenKey.isEmpty()) {
            tokens.set(tokenKey, device.toString());
        }
        if (!userDevices.containsEntry(device.getNode(), device.toString())) {
            userDevices.put(device.getNode(), device.toString());
        }
    }

    @Override
    public void deviceToken(JID device, String tokenKey, Optional<String> oldKey) {
        if (node.excluded()) {
            return;
        }
        oldKey.ifPresent(tokens::delete);
        tokens.set(tokenKey, device.toString());
        devices.set(device.toString(), DeviceEntry.heldBy(node.tag(), tokenKey));
    }

    @Override
    public void deviceGone(JID device, Optional<String> tokenKey) {
        if (node.excluded()) {
            return;
        }
        forgetDevice(device.toString(), tokenKey);
    }

    private void forgetDevice(String jid, Optional<String> tokenKey) {
        devices.delete(jid);
        tokenKey.filter(k -> !k.isEmpty()).ifPresent(tokens::delete);
        userDevices.remove(new JID(jid).getNode(), jid);
        frames.delete(jid);
        for (String key : calls.keySet(new Tasks.KeyPrefix(jid + "|"))) {
            calls.delete(key);
        }
        held.remove(jid);
    }

    @Override
    public void deviceReleased(JID device, List<String> heldFrames) {
        if (node.excluded()) {
            return;
        }
        if (!heldFrames.isEmpty()) {
            frames.set(device.toString(), new ArrayList<>(heldFrames));
        }
        awaitSaved(device.toString());
        devices.executeOnKey(device.toString(), new MarkReleased());
    }

    /** Marks a device entry released, whoever holds it. */
    record MarkReleased() implements com.hazelcast.map.EntryProcessor<String, DeviceEntry, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, DeviceEntry> entry) {
            if (entry.getValue() == null) {
                return false;
            }
            entry.setValue(entry.getValue().releasedNow());
            return true;
        }
    }

    @Override
    public void callSaved(JID device, String callId, String snapshot) {
        if (node.excluded()) {
            return;
        }
        // not waited for on the call's lane; a hand-over waits for the device's last writes (deviceReleased)
        String key = device + "|" + callId;
        java.util.concurrent.CompletionStage<Void> write = calls.setAsync(key, snapshot);
        saving.put(key, write);
        write.whenComplete((v, e) -> {
            saving.remove(key, write);
            if (e != null) {
                log.warn("cluster.save-failed call={}: {}", key, e.toString());
            }
        });
    }

    /** Waits (briefly) until the snapshots of a device's calls written so far are in the map. */
    private void awaitSaved(String jid) {
        for (Map.Entry<String, java.util.concurrent.CompletionStage<Void>> e : saving.entrySet()) {
            if (e.getKey().startsWith(jid + "|")) {
                try {
                    e.getValue().toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException x) {
                    log.warn("cluster.save-unconfirmed call={}: {}", e.getKey(), x.toString());
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void callGone(JID device, String callId) {
        if (!node.excluded()) {
            calls.delete(device + "|" + callId);
        }
    }

    @Override
    public void siblingsEnded(JID user, String sid, JID peerBare, String reason, String text) {
        for (String owner : liveOwnersOf(user.getNode())) {
            if (!owner.equals(node.tag())) {
                node.publish(owner, new Notes.SiblingsEnded(user.toString(), sid, peerBare.toString(), reason, text));
            }
        }
    }

    @Override
    public String requestIdSuffix() {
        return StanzaRouting.ASKER + node.tag();
    }

    @Override
    public boolean serving() {
        return !node.excludedNow();
    }

    @Override
    public Optional<Claimed> claim(String user, String tokenKey) {
        if (node.excludedNow()) {
            return Optional.empty();
        }
        String jid = tokens.get(tokenKey);
        if (jid == null || !user.equals(new JID(jid).getNode())) {
            return Optional.empty();
        }
        // a near-cache copy can lag behind the last claim and name an old owner and token (CI saw it after a kill)
        DeviceEntry entry = freshEntry(jid);
        // a device this instance let go of (SIGTERM, or while it was out of its cluster) may come back to it too
        boolean heldHere = entry != null && entry.owner().equals(node.tag()) && !entry.released();
        if (entry == null || heldHere || !tokenKey.equals(entry.tokenKey())) {
            return Optional.empty();
        }
        if (!entry.released() && node.alive(entry.owner())) {
            if (!askToRelease(entry.owner(), jid)) {
                return Optional.empty();
            }
        }
        if (!Boolean.TRUE.equals(devices.executeOnKey(jid, new Tasks.Claim(entry.owner(), node.tag(),
                tokenKey)))) {
            log.info("cluster.claim-lost device={}: another instance claimed it first", jid);
            return Optional.empty();
        }
        if (node.excludedNow()) {
            // left the majority while claiming: what this side wrote may be discarded by the merge, or kept for an
            // instance that is letting go of everything; let go of the entry, for the page to claim elsewhere
            devices.executeOnKey(jid, new Tasks.LetGo(node.tag()));
            log.info("cluster.claim-undone device={}: this instance left the cluster while claiming", jid);
            return Optional.empty();
        }
        tokens.delete(tokenKey);
        List<String> snapshots = new ArrayList<>(calls.values(new Tasks.KeyPrefix(jid + "|")));
        ArrayList<String> heldFrames = frames.remove(jid);
        log.info("cluster.claimed device={} from={} calls={} frames={}", jid, entry.owner(), snapshots.size(),
                heldFrames == null ? 0 : heldFrames.size());
        return Optional.of(new Claimed(new JID(jid), snapshots, heldFrames == null ? List.of() : heldFrames,
                () -> replayHeld(jid)));
    }

    /**
     * Asks the instance that holds a device to let it go; true once it has, or once it is out of the cluster (a
     * killed instance can stay listed for a moment after its socket closed, a frozen one for the heartbeat limit).
     */
    private boolean askToRelease(String owner, String jid) {
        Optional<Member> member = node.memberOf(owner);
        if (member.isEmpty()) {
            return true;
        }
        try {
            node.hz().getExecutorService("jg-requests").submitToMember(new Tasks.Release(jid), member.get())
                    .get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.info("cluster.release-unanswered device={} owner={}: {}; waiting for the cluster to drop it", jid,
                    owner, e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(node.settings().heartbeatSeconds() + 2L);
        while (node.alive(owner) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !node.alive(owner);
    }

    /**
     * After this instance was readmitted: the devices the merged directory still gives it were let go of while it
     * was out (or were claimed here just as it left), so they are marked released now, each with a whole resume
     * window for its page to claim it. Runs while this instance is still excluded: no device registers here
     * meanwhile. Returns how many.
     */
    int letGoOfMine() {
        return (int) devices.executeOnEntries(new Tasks.LetGo(node.tag()), new Tasks.HeldBy(node.tag())).values()
                .stream().filter(Boolean.TRUE::equals).count();
    }

    /** On the instance that holds a device: lets it go for a claim from another instance. */
    boolean releaseHere(String jid) {
        if (node.excluded()) {
            return false;
        }
        devices.executeOnKey(jid, new MarkReleased());
        return node.local().release(new JID(jid));
    }

    /** Stanzas that waited in the cluster for a claimed device go through this instance now, in order (twice). */
    private void replayHeld(String jid) {
        Runnable replay = () -> {
            Collection<String> waiting = held.remove(jid);
            for (String xml : waiting) {
                StanzaXml.parse(xml).ifPresent(node.local()::deliver);
            }
            if (!waiting.isEmpty()) {
                log.info("cluster.replayed device={} stanzas={}", jid, waiting.size());
            }
        };
        replay.run();
        // a stanza another instance decided to hold just before the claim arrives a moment later
        node.worker().schedule(replay, 2, TimeUnit.SECONDS);
    }

    /**
     * After an instance died: once the resume window has passed, the devices it held that nobody claimed are
     * offline and their calls end on the peers' side (run by the oldest survivor).
     */
    void sweep() {
        // excludedNow: a sweep overdue while this process was frozen runs at once when it runs again, before the
        // watchdog's tick, with this member's stale view of the cluster
        if (node.excludedNow() || !node.oldest()) {
            return;
        }
        Set<String> alive = liveTags();
        long graceMillis = node.resumeWindow().toMillis() + SWEEP_GRACE.toMillis();
        long nowMillis = System.currentTimeMillis();
        // a page could claim only while some instance served: after a split that left no majority, the window
        // starts again when this sweeper was readmitted
        long servingMillis = node.servingFor().toMillis();
        int devicesSwept = 0;
        int callsEnded = 0;
        for (Map.Entry<String, DeviceEntry> e : devices.entrySet(new Tasks.Unheld(alive))) {
            DeviceEntry entry = e.getValue();
            long awayMillis = alive.contains(entry.owner()) ? nowMillis - entry.releasedAtMillis()
                    : node.deadFor(entry.owner()).toMillis();
            boolean due = Math.min(awayMillis, servingMillis) > graceMillis;
            if (due && !node.excludedNow()) {
                callsEnded += sweepDevice(e.getKey(), entry);
                devicesSwept++;
            }
        }
        if (devicesSwept > 0) {
            log.info("cluster.swept devices={} calls={}", devicesSwept, callsEnded);
        }
    }

    /** A device nobody claimed in time: its calls end on the peers' side, it goes offline, its entries go. */
    private int sweepDevice(String jid, DeviceEntry entry) {
        int ended = 0;
        for (String snapshot : calls.values(new Tasks.KeyPrefix(jid + "|"))) {
            node.local().endOrphan(snapshot, "gone", "the browser did not come back after its gateway instance"
                    + " went away");
            ended++;
        }
        for (String xml : held.remove(jid)) {
            StanzaXml.parse(xml).filter(p -> p instanceof IQ iq && (iq.getType() == IQ.Type.set
                    || iq.getType() == IQ.Type.get)).ifPresent(p -> refuse((IQ) p));
        }
        node.local().deviceOffline(new JID(jid));
        forgetDevice(jid, Optional.ofNullable(entry.tokenKey()));
        log.info("cluster.device-swept device={} owner={} released={} calls={}", jid, entry.owner(),
                entry.released(), ended);
        return ended;
    }

    private void refuse(IQ request) {
        IQ error = IQ.createResultIQ(request);
        error.setError(new PacketError(PacketError.Condition.recipient_unavailable, PacketError.Type.wait,
                request.getTo() + " is offline"));
        node.local().sendOut(error);
    }

    /** Ends a call held by another instance (admin); false when no instance holds it. */
    @Override
    public boolean endElsewhere(String id, String reason) {
        int space = id.indexOf(' ');
        return space > 0 && askHolder(id.substring(0, space), new Tasks.Admin(Tasks.Admin.Kind.END_CALL, id, reason),
                "end-call " + id);
    }

    /** The devices every live instance holds (admin). */
    @Override
    public Collection<String> deviceJids() {
        return devices.keySet(new Tasks.Online(liveTags()));
    }

    /** Disconnects a device another instance holds (admin); false when none does. */
    @Override
    public boolean disconnectElsewhere(String jid, String why) {
        return askHolder(jid, new Tasks.Admin(Tasks.Admin.Kind.DISCONNECT, jid, why), "disconnect " + jid);
    }

    /** Runs an administrator's request on the instance that holds {@code device}; false when no other one does. */
    private boolean askHolder(String device, java.util.concurrent.Callable<Boolean> task, String what) {
        DeviceEntry entry = freshEntry(device);
        if (entry == null || entry.owner().equals(node.tag())) {
            return false;
        }
        Optional<Member> member = node.memberOf(entry.owner());
        if (member.isEmpty()) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(node.hz().getExecutorService("jg-requests").submitToMember(task,
                    member.get()).get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cluster.admin-request-failed {}: {}", what, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The tags of the instances in the cluster now, this one included. */
    private Set<String> liveTags() {
        Set<String> alive = new java.util.HashSet<>(node.otherTags());
        alive.add(node.tag());
        return alive;
    }
}
