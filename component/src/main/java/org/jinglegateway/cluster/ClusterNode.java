package org.jinglegateway.cluster;

import com.google.common.hash.Hashing;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.dom4j.Element;
import org.jinglegateway.call.Directory;
import org.jinglegateway.call.Ids;
import org.jinglegateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * This instance's membership of a cluster of gateway instances (docs/operations.md, "Several instances"), on
 * embedded Hazelcast with TCP-IP join. It holds the shared directory: which instance holds each browser device and
 * each device's resume token, every call's snapshot, who watches each user's presence, which instances have an XMPP
 * link, and stanzas waiting for a device whose instance is gone. It routes what arrives here: a stanza for a device
 * held by another instance goes to that instance's topic, one for a device nobody holds now waits in the cluster
 * for the instance that claims it. One instance runs each call (the one its browser is connected to), so a call's
 * events keep their single serial lane.
 *
 * <p>An instance that finds it has been excluded (it was frozen longer than the heartbeat limit, or Hazelcast merges
 * it back after a split) has had its devices claimed by others: it closes its XMPP link and lets go of everything it
 * held, without a word to anyone, so that nothing is answered twice; it connects again once it is back.
 */
public final class ClusterNode implements Directory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final String USER_CONTEXT_KEY = "jingle-gateway.cluster";
    private static final String TAG_ATTRIBUTE = "jg.tag";
    /** How long a claim waits for the instance that holds the device to let it go. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(8);
    /** Stanzas kept for one device while nobody holds it. */
    static final int MAX_HELD_PER_DEVICE = 500;

    /** What this instance does with what the cluster hands it. */
    public interface Local {
        /** A stanza for a device or call held here, to handle as if this instance's link had carried it. */
        void deliver(Packet packet);

        /** A proposal to a user with devices here and on other instances. */
        void deliverShared(org.xmpp.packet.Message message);

        /** A stanza to write on this instance's XMPP link for another instance. */
        void sendOut(Packet packet);

        /** A peer's presence every instance hears. */
        void presence(Presence presence);

        /** Hands a device over to a claimer (DeviceSessions#release); false when it is not here. */
        boolean release(JID device);

        void endSiblings(JID user, String sid, JID peerBare, String reason, String text);

        /** Ends a call nobody claimed, on the peer's side. */
        void endOrphan(String snapshot, String reason, String text);

        /** A device nobody claimed is offline now: its watchers hear it. */
        void deviceOffline(JID device);

        /** An administrator ends a call held here. */
        boolean endCall(String id, String reason);

        /** An administrator reloaded the configuration on another instance. */
        void reload();

        /** This instance was excluded: close the XMPP link and let go of every device and call, silently. */
        void excluded();

        /** This instance is a member again: connect the XMPP link again. */
        void readmitted();
    }

    private final GatewayConfig.Cluster settings;
    private final String tag = new Ids().next(8);
    private final Local local;
    private final Duration resumeWindow;
    private final BooleanSupplier linkUp;
    private final HazelcastInstance hz;
    private final IMap<String, DeviceEntry> devices;
    private final IMap<String, String> tokens;
    private final IMap<String, String> calls;
    private final IMap<String, ArrayList<String>> frames;
    private final MultiMap<String, String> userDevices;
    private final MultiMap<String, String> held;
    private final MultiMap<String, String> watchers;
    private final ReplicatedMap<String, Long> links;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-timers");
        t.setDaemon(true);
        return t;
    });
    /** Set while this instance is out of the cluster: it routes, answers and writes nothing. */
    private volatile boolean excluded;
    /** The watchdog's last tick: a gap longer than the heartbeat limit means this process was frozen. */
    private volatile long lastTick = System.nanoTime();

    private ClusterNode(GatewayConfig.Cluster settings, String domain, String secret, Local local,
                        Duration resumeWindow, BooleanSupplier linkUp) {
        this.settings = settings;
        this.local = local;
        this.resumeWindow = resumeWindow;
        this.linkUp = linkUp;
        this.hz = Hazelcast.newHazelcastInstance(config(settings, domain, secret));
        this.devices = hz.getMap("jg-devices");
        this.tokens = hz.getMap("jg-tokens");
        this.calls = hz.getMap("jg-calls");
        this.frames = hz.getMap("jg-frames");
        this.userDevices = hz.getMultiMap("jg-user-devices");
        this.held = hz.getMultiMap("jg-held");
        this.watchers = hz.getMultiMap("jg-watchers");
        this.links = hz.getReplicatedMap("jg-links");
        // the topic's listener (from the config) is registered when the topic is first used on this member
        hz.getTopic(topicOf(tag));
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(250);
        // the join above can take longer than the heartbeat limit (instances starting together): that is no freeze
        lastTick = System.nanoTime();
        timers.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Joins (or forms) the cluster of the instances in {@code settings}: the same domain and secret name the cluster,
     * so instances of another gateway, or with another secret, never join it.
     */
    public static ClusterNode start(GatewayConfig.Cluster settings, String domain, String secret, Local local,
                                    Duration resumeWindow, BooleanSupplier linkUp) {
        long started = System.nanoTime();
        ClusterNode node = new ClusterNode(settings, domain, secret, local, resumeWindow, linkUp);
        log.info("cluster.joined tag={} members={} millis={}", node.tag, node.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return node;
    }

    private Config config(GatewayConfig.Cluster s, String domain, String secret) {
        Config c = new Config();
        String name = Hashing.sha256().hashString(domain + "\u0000" + secret, StandardCharsets.UTF_8).toString();
        c.setClusterName("jingle-gateway-" + name.substring(0, 16));
        c.setInstanceName("jingle-gateway-" + tag);
        c.getUserContext().put(USER_CONTEXT_KEY, this);
        c.getMemberAttributeConfig().setAttribute(TAG_ATTRIBUTE, tag);
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(s.heartbeatSeconds()));
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        c.setProperty("hazelcast.local.localAddress", s.host());
        // Java deserialization from the cluster port: only Hazelcast's own, the JDK's and this package's classes
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPackages("org.jinglegateway.cluster");
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        NetworkConfig network = c.getNetworkConfig();
        network.setPort(s.port()).setPortAutoIncrement(false);
        network.setPublicAddress(s.host() + ":" + s.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(s.members());
        // after a split, what the smaller side wrote while it was apart is stale: the larger side's entries stay
        String discard = DiscardMergePolicy.class.getName();
        c.getMapConfig("default").getMergePolicyConfig().setPolicy(discard);
        c.getMultiMapConfig("default").getMergePolicyConfig().setPolicy(discard);
        c.getReplicatedMapConfig("default").getMergePolicyConfig().setPolicy(discard);
        // stanzas wait in the order they came (a multimap keeps a set by default)
        c.getMultiMapConfig("jg-held").setValueCollectionType(MultiMapConfig.ValueCollectionType.LIST)
                .getMergePolicyConfig().setPolicy(discard);
        // listeners from the config are registered again when a merge restarts this member's services
        c.getTopicConfig(topicOf(tag)).addMessageListenerConfig(new ListenerConfig(new Inbox()));
        c.addListenerConfig(new ListenerConfig(new Members()));
        c.addListenerConfig(new ListenerConfig(new Lifecycle()));
        return c;
    }

    static ClusterNode of(HazelcastInstance hz) {
        return (ClusterNode) hz.getUserContext().get(USER_CONTEXT_KEY);
    }

    Local local() {
        return local;
    }

    /** This instance's name in the directory. */
    public String tag() {
        return tag;
    }

    /** Members of the cluster now, this one included. */
    public int size() {
        return hz.getCluster().getMembers().size();
    }

    /** The members' addresses, oldest first. */
    public List<String> members() {
        return hz.getCluster().getMembers().stream().map(m -> m.getAddress().getHost() + ":"
                + m.getAddress().getPort()).toList();
    }

    /** True while some instance of the cluster has an XMPP link. */
    public boolean anyLink() {
        return !excluded && (linkUp.getAsBoolean() || links.keySet().stream().anyMatch(this::alive));
    }

    /** Calls held by every instance. */
    public int callCount() {
        return calls.size();
    }

    /** Calls held by every instance, as snapshots (for the admin commands and metrics). */
    public Collection<String> allCalls() {
        return calls.values();
    }

    /** Bytes the call snapshots this member owns take in its part of the map (backups not counted). */
    public long callBytesHere() {
        return calls.getLocalMapStats().getOwnedEntryMemoryCost();
    }

    // ---- routing ------------------------------------------------------------------------------------------------

    /**
     * Decides where a stanza that arrived here goes. Returns false when this instance handles it; true when it went
     * to another instance, waits in the cluster for a device being claimed, or must not be answered by an instance
     * that is out of the cluster.
     */
    public boolean route(Packet packet) {
        if (excludedNow()) {
            log.debug("cluster.excluded dropped to={}", packet.getTo());
            return true;
        }
        JID to = packet.getTo();
        if (to == null || to.getNode() == null) {
            return false;
        }
        if (packet instanceof Presence p) {
            return sharePresence(p);
        }
        if (to.getResource() == null) {
            return packet instanceof org.xmpp.packet.Message m && shareProposal(m, to);
        }
        DeviceEntry entry = devices.get(to.toString());
        if (entry == null || entry.owner().equals(tag) && !entry.released()) {
            return false;
        }
        if (entry.released() || !alive(entry.owner())) {
            hold(to, packet, entry.owner());
            return true;
        }
        publish(entry.owner(), new Notes.StanzaIn(packet.toXML()));
        return true;
    }

    /**
     * Keeps a stanza for a device nobody holds now, for whoever claims it; past {@link #MAX_HELD_PER_DEVICE} a request
     * is refused (wait, resource-constraint) and anything else dropped, so that a peer cannot fill the cluster.
     */
    private void hold(JID to, Packet packet, String owner) {
        if (held.valueCount(to.toString()) >= MAX_HELD_PER_DEVICE) {
            log.warn("cluster.held-full to={} from={}", to, packet.getFrom());
            if (packet instanceof IQ iq && (iq.getType() == IQ.Type.set || iq.getType() == IQ.Type.get)) {
                IQ error = IQ.createResultIQ(iq);
                error.setError(new PacketError(PacketError.Condition.resource_constraint, PacketError.Type.wait,
                        to + " is moving to another gateway instance; try again in a moment"));
                local.sendOut(error);
            }
            return;
        }
        held.put(to.toString(), packet.toXML());
        log.info("cluster.held to={} owner={}", to, owner);
    }

    /** A peer's unavailable or caps presence: every instance hears it (each has its own calls and quirk table). */
    private boolean sharePresence(Presence p) {
        boolean everyone = p.getType() == null || p.getType() == Presence.Type.unavailable;
        if (everyone) {
            for (String other : otherTags()) {
                publish(other, new Notes.PresenceAll(p.toXML()));
            }
        }
        return false;
    }

    /** A message to a user's bare JID (a proposal): to every instance with a device of the user. */
    private boolean shareProposal(org.xmpp.packet.Message m, JID to) {
        Set<String> owners = new LinkedHashSet<>();
        for (String jid : userDevices.get(to.getNode())) {
            DeviceEntry e = devices.get(jid);
            if (e != null && !e.released() && alive(e.owner())) {
                owners.add(e.owner());
            }
        }
        if (owners.isEmpty() || owners.equals(Set.of(tag))) {
            return false;
        }
        for (String owner : owners) {
            if (!owner.equals(tag)) {
                publish(owner, new Notes.SharedIn(m.toXML()));
            }
        }
        if (owners.contains(tag)) {
            local.deliverShared(m);
        }
        return true;
    }

    /**
     * A stanza to send while this instance has no XMPP link of its own (a standby behind Prosody): it leaves on the
     * link of an instance that has one. False when this instance has its own link, or no instance has one.
     */
    public boolean sendElsewhere(Packet packet) {
        if (linkUp.getAsBoolean() || excluded) {
            return false;
        }
        for (String other : links.keySet()) {
            if (!other.equals(tag) && alive(other)) {
                publish(other, new Notes.StanzaOut(packet.toXML()));
                return true;
            }
        }
        return false;
    }

    /** This instance's XMPP link is up or down. */
    public void link(boolean up) {
        if (excluded) {
            return;
        }
        if (up) {
            links.put(tag, System.currentTimeMillis());
        } else {
            links.remove(tag);
        }
    }

    // ---- presence ------------------------------------------------------------------------------------------------

    /** The full JIDs of a user's devices on every instance. */
    public List<JID> devicesOf(String user) {
        return userDevices.get(user).stream().map(JID::new).toList();
    }

    /** Remembers that {@code who} watches {@code user}; false when it did already. */
    public boolean watch(String user, JID who, int maxPerUser) {
        String bare = who.toBareJID();
        if (watchers.containsEntry(user, bare) || watchers.valueCount(user) >= maxPerUser) {
            return false;
        }
        return watchers.put(user, bare);
    }

    public void unwatch(String user, JID who) {
        watchers.remove(user, who.toBareJID());
    }

    public List<JID> watchersOf(String user) {
        return watchers.get(user).stream().map(JID::new).toList();
    }

    /** Every user someone watches, with the watchers. */
    public Map<String, Collection<String>> allWatchers() {
        Map<String, Collection<String>> all = new java.util.HashMap<>();
        for (String user : watchers.keySet()) {
            all.put(user, watchers.get(user));
        }
        return all;
    }

    // ---- Directory ------------------------------------------------------------------------------------------------

    @Override
    public void deviceOnline(JID device, String tokenKey) {
        if (excluded) {
            return;
        }
        devices.set(device.toString(), new DeviceEntry(tag, tokenKey, false));
        if (!tokenKey.isEmpty()) {
            tokens.set(tokenKey, device.toString());
        }
        if (!userDevices.containsEntry(device.getNode(), device.toString())) {
            userDevices.put(device.getNode(), device.toString());
        }
    }

    @Override
    public void deviceToken(JID device, String tokenKey, Optional<String> oldKey) {
        if (excluded) {
            return;
        }
        oldKey.ifPresent(tokens::delete);
        tokens.set(tokenKey, device.toString());
        devices.set(device.toString(), new DeviceEntry(tag, tokenKey, false));
    }

    @Override
    public void deviceGone(JID device, Optional<String> tokenKey) {
        if (excluded) {
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
        if (excluded) {
            return;
        }
        if (!heldFrames.isEmpty()) {
            frames.set(device.toString(), new ArrayList<>(heldFrames));
        }
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
        if (!excluded) {
            calls.set(device + "|" + callId, snapshot);
        }
    }

    @Override
    public void callGone(JID device, String callId) {
        if (!excluded) {
            calls.delete(device + "|" + callId);
        }
    }

    @Override
    public void siblingsEnded(JID user, String sid, JID peerBare, String reason, String text) {
        Set<String> owners = new LinkedHashSet<>();
        for (String jid : userDevices.get(user.getNode())) {
            DeviceEntry e = devices.get(jid);
            if (e != null && !e.owner().equals(tag)) {
                owners.add(e.owner());
            }
        }
        for (String owner : owners) {
            publish(owner, new Notes.SiblingsEnded(user.toString(), sid, peerBare.toString(), reason, text));
        }
    }

    @Override
    public Optional<Claimed> claim(String user, String tokenKey) {
        if (excludedNow()) {
            return Optional.empty();
        }
        String jid = tokens.get(tokenKey);
        if (jid == null || !user.equals(new JID(jid).getNode())) {
            return Optional.empty();
        }
        DeviceEntry entry = devices.get(jid);
        if (entry == null || entry.owner().equals(tag) || !tokenKey.equals(entry.tokenKey())) {
            return Optional.empty();
        }
        if (!entry.released() && alive(entry.owner())) {
            if (!askToRelease(entry.owner(), jid)) {
                return Optional.empty();
            }
        }
        if (!Boolean.TRUE.equals(devices.executeOnKey(jid, new Tasks.Claim(entry.owner(), tag, tokenKey)))) {
            log.info("cluster.claim-lost device={}: another instance claimed it first", jid);
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
        Optional<Member> member = memberOf(owner);
        if (member.isEmpty()) {
            return true;
        }
        try {
            hz.getExecutorService("jg-requests").submitToMember(new Tasks.Release(jid), member.get())
                    .get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.info("cluster.release-unanswered device={} owner={}: {}; waiting for the cluster to drop it", jid,
                    owner, e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds() + 2L);
        while (alive(owner) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !alive(owner);
    }

    /** On the instance that holds a device: lets it go for a claim from another instance. */
    boolean releaseHere(String jid) {
        if (excluded) {
            return false;
        }
        devices.executeOnKey(jid, new MarkReleased());
        return local.release(new JID(jid));
    }

    /** Stanzas that waited in the cluster for a claimed device go through this instance now, in order (twice). */
    private void replayHeld(String jid) {
        Runnable replay = () -> {
            Collection<String> waiting = held.remove(jid);
            for (String xml : waiting) {
                parse(xml).ifPresent(local::deliver);
            }
            if (!waiting.isEmpty()) {
                log.info("cluster.replayed device={} stanzas={}", jid, waiting.size());
            }
        };
        replay.run();
        // a stanza another instance decided to hold just before the claim arrives a moment later
        timers.schedule(replay, 2, TimeUnit.SECONDS);
    }

    // ---- the instances ------------------------------------------------------------------------------------------

    private boolean alive(String owner) {
        return memberOf(owner).isPresent();
    }

    private Optional<Member> memberOf(String owner) {
        for (Member m : hz.getCluster().getMembers()) {
            if (owner.equals(m.getAttribute(TAG_ATTRIBUTE))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private List<String> otherTags() {
        List<String> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            String t = m.getAttribute(TAG_ATTRIBUTE);
            if (t != null && !t.equals(tag)) {
                out.add(t);
            }
        }
        return out;
    }

    private void publish(String owner, Notes.Note note) {
        ITopic<Notes.Note> topic = hz.getTopic(topicOf(owner));
        topic.publish(note);
    }

    private static String topicOf(String owner) {
        return "jg-to-" + owner;
    }

    /** The instance that runs the sweeps: the oldest member. */
    private boolean oldest() {
        return hz.getCluster().getMembers().iterator().next().localMember();
    }

    /**
     * After an instance died: once the resume window has passed, the devices it held that nobody claimed are
     * offline and their calls end on the peers' side (run by the oldest survivor).
     */
    private void sweep(String dead) {
        if (excluded || !oldest() || alive(dead)) {
            return;
        }
        int devicesSwept = 0;
        int callsEnded = 0;
        for (Map.Entry<String, DeviceEntry> e : devices.entrySet(new Tasks.OwnedBy(dead))) {
            String jid = e.getKey();
            for (String snapshot : calls.values(new Tasks.KeyPrefix(jid + "|"))) {
                local.endOrphan(snapshot, "gone", "the browser did not come back after its gateway instance went"
                        + " away");
                callsEnded++;
            }
            for (String xml : held.remove(jid)) {
                parse(xml).filter(p -> p instanceof IQ iq && (iq.getType() == IQ.Type.set
                        || iq.getType() == IQ.Type.get)).ifPresent(p -> refuse((IQ) p));
            }
            local.deviceOffline(new JID(jid));
            forgetDevice(jid, Optional.ofNullable(e.getValue().tokenKey()));
            devicesSwept++;
        }
        log.info("cluster.swept instance={} devices={} calls={}", dead, devicesSwept, callsEnded);
    }

    private void refuse(IQ request) {
        IQ error = IQ.createResultIQ(request);
        error.setError(new PacketError(PacketError.Condition.recipient_unavailable, PacketError.Type.wait,
                request.getTo() + " is offline"));
        local.sendOut(error);
    }

    private boolean excludedNow() {
        return excluded || System.nanoTime() - lastTick > TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds());
    }

    /** The watchdog: a tick that comes far too late means this process was frozen, and the others went on. */
    private void tick() {
        long now = System.nanoTime();
        if (!excluded && now - lastTick > TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds())) {
            log.warn("cluster.frozen seconds={}: the others have taken over this instance's devices",
                    TimeUnit.NANOSECONDS.toSeconds(now - lastTick));
            exclude();
        }
        lastTick = now;
        if (excluded && hz.getLifecycleService().isRunning() && size() > 1 && mergedBack) {
            readmit();
        }
    }

    private volatile boolean mergedBack;

    private synchronized void exclude() {
        if (excluded) {
            return;
        }
        excluded = true;
        mergedBack = false;
        try {
            local.excluded();
        } catch (RuntimeException e) {
            log.warn("cluster.exclude-failed", e);
        }
    }

    private synchronized void readmit() {
        if (!excluded) {
            return;
        }
        excluded = false;
        log.info("cluster.readmitted members={}", size());
        local.readmitted();
    }

    private final class Members implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            log.info("cluster.member-added address={} members={}", event.getMember().getAddress(),
                    event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            String dead = event.getMember().getAttribute(TAG_ATTRIBUTE);
            log.warn("cluster.member-removed tag={} address={} members={}", dead, event.getMember().getAddress(),
                    event.getMembers().size());
            if (dead == null || excluded) {
                return;
            }
            links.remove(dead);
            long delay = resumeWindow.toMillis() + 2000;
            timers.schedule(() -> {
                try {
                    sweep(dead);
                } catch (RuntimeException e) {
                    log.warn("cluster.sweep-failed instance={}", dead, e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private final class Lifecycle implements LifecycleListener {
        @Override
        public void stateChanged(LifecycleEvent event) {
            switch (event.getState()) {
                case MERGING -> {
                    log.warn("cluster.merging: this instance was split off; the others have its devices");
                    exclude();
                }
                case MERGED -> {
                    log.info("cluster.merged");
                    mergedBack = true;
                }
                default -> log.debug("cluster.lifecycle state={}", event.getState());
            }
        }
    }

    private final class Inbox implements MessageListener<Notes.Note> {
        @Override
        public void onMessage(Message<Notes.Note> message) {
            if (excluded) {
                return;
            }
            try {
                handle(message.getMessageObject());
            } catch (RuntimeException e) {
                log.warn("cluster.note-failed note={}", message.getMessageObject().getClass().getSimpleName(), e);
            }
        }

        private void handle(Notes.Note note) {
            if (note instanceof Notes.StanzaIn in) {
                parse(in.xml()).ifPresent(local::deliver);
            } else if (note instanceof Notes.SharedIn in) {
                parse(in.xml()).filter(org.xmpp.packet.Message.class::isInstance)
                        .ifPresent(p -> local.deliverShared((org.xmpp.packet.Message) p));
            } else if (note instanceof Notes.StanzaOut out) {
                parse(out.xml()).ifPresent(local::sendOut);
            } else if (note instanceof Notes.PresenceAll p) {
                parse(p.xml()).filter(Presence.class::isInstance).ifPresent(x -> local.presence((Presence) x));
            } else if (note instanceof Notes.SiblingsEnded e) {
                local.endSiblings(new JID(e.user()), e.sid(), new JID(e.peerBare()), e.reason(), e.text());
            } else if (note instanceof Notes.Reload) {
                local.reload();
            }
        }
    }

    /** Tells every other instance to reload its configuration. */
    public void reloadOthers(String by) {
        for (String other : otherTags()) {
            publish(other, new Notes.Reload(by));
        }
    }

    /** Ends a call held by another instance (admin); false when no instance holds it. */
    public boolean endCallElsewhere(String id, String reason) {
        int space = id.indexOf(' ');
        if (space < 0) {
            return false;
        }
        DeviceEntry entry = devices.get(id.substring(0, space));
        if (entry == null || entry.owner().equals(tag)) {
            return false;
        }
        Optional<Member> member = memberOf(entry.owner());
        if (member.isEmpty()) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(hz.getExecutorService("jg-requests").submitToMember(
                    new Tasks.EndCall(id, reason), member.get()).get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cluster.end-call-failed id={}: {}", id, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Packet> parse(String xml) {
        try {
            Element e = org.dom4j.DocumentHelper.parseText(xml).getRootElement();
            return Optional.ofNullable(switch (e.getName()) {
                case "iq" -> new IQ(e);
                case "message" -> new org.xmpp.packet.Message(e);
                case "presence" -> new Presence(e);
                default -> null;
            });
        } catch (org.dom4j.DocumentException | RuntimeException e) {
            log.warn("cluster.unreadable-stanza problem={}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Ends this member at once, as a killed process would (tests). */
    void terminateForTest() {
        timers.shutdownNow();
        hz.getLifecycleService().terminate();
    }

    /** Leaves the cluster (after SIGTERM handed everything over). */
    @Override
    public void close() {
        timers.shutdownNow();
        links.remove(tag);
        hz.shutdown();
    }
}
