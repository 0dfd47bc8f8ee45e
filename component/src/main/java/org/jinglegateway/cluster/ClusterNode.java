package org.jinglegateway.cluster;

import com.google.common.hash.Hashing;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jinglegateway.call.Ids;
import org.jinglegateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
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
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final String USER_CONTEXT_KEY = "jingle-gateway.cluster";
    private static final String TAG_ATTRIBUTE = "jg.tag";

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

        /** An administrator disconnects a device held here; false when it is not here. */
        boolean disconnect(String jid, String why);

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
    private final String domain;
    private final String secret;
    /** This instance's Hazelcast member: a new one after a freeze (see #renew). */
    private volatile HazelcastInstance hz;
    private final SharedDirectory directory;
    private final StanzaRouting routing;
    /** Only the watchdog's ticks run here. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-watchdog");
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
        this.domain = domain;
        this.secret = secret;
        this.hz = Hazelcast.newHazelcastInstance(config(false));
        this.directory = new SharedDirectory(this);
        this.routing = new StanzaRouting(this, directory, linkUp);
        // the topic's listener (from the config) is registered when the topic is first used on this member
        hz.getTopic(topicOf(tag));
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(250);
        // the join above can take longer than the heartbeat limit (instances starting together): that is no freeze
        lastTick = System.nanoTime();
        watchdog.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        worker.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
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

    /** A member of this instance's cluster; a lite member holds no share of the data (see #renew). */
    private Config config(boolean lite) {
        GatewayConfig.Cluster s = settings;
        Config c = new Config();
        c.setLiteMember(lite);
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
        // a new member after a freeze binds the port its old one had, whose connections may still be in TIME_WAIT
        network.setPort(s.port()).setPortAutoIncrement(false).setReuseAddress(true);
        network.setPublicAddress(s.host() + ":" + s.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(s.members());
        // after a split, what the smaller side wrote while it was apart is stale: the larger side's entries stay
        String discard = DiscardMergePolicy.class.getName();
        c.getMapConfig("default").getMergePolicyConfig().setPolicy(discard);
        c.getMultiMapConfig("default").getMergePolicyConfig().setPolicy(discard);
        // who holds a device is read for most stanzas: from a local copy that changes follow (a stale read is
        // corrected where the stanza lands, StanzaRouting#arrived)
        c.getMapConfig("jg-devices").setNearCacheConfig(new NearCacheConfig("jg-devices")
                .setInvalidateOnChange(true).setInMemoryFormat(InMemoryFormat.OBJECT))
                .getMergePolicyConfig().setPolicy(discard);
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

    /** How often the oldest instance looks for devices nobody claimed in time. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    /** When this instance saw each instance it knew leave (by tag). */
    private final Map<String, Long> deadSince = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Cluster work that may wait on Hazelcast (sweeps, link entries, replays, letting go on exclusion): never on the
     * watchdog's thread, whose late tick would read as a freeze.
     */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-worker");
        t.setDaemon(true);
        return t;
    });

    private void sweep() {
        try {
            deadSince.keySet().removeIf(this::alive);
            directory.sweep();
        } catch (RuntimeException e) {
            log.warn("cluster.sweep-failed", e);
        }
    }

    /** How long the instance {@code tag} has been gone, as far as this one knows (from now, if it never knew it). */
    Duration deadFor(String tag) {
        return Duration.ofNanos(System.nanoTime() - deadSince.computeIfAbsent(tag, t -> System.nanoTime()));
    }

    Duration resumeWindow() {
        return resumeWindow;
    }

    HazelcastInstance hz() {
        return hz;
    }

    GatewayConfig.Cluster settings() {
        return settings;
    }

    /** The thread for cluster work that may wait on Hazelcast. */
    ScheduledExecutorService worker() {
        return worker;
    }

    boolean excluded() {
        return excluded;
    }

    /** The shared directory: devices, calls, claims (the call layer's {@link org.jinglegateway.call.Directory}). */
    public SharedDirectory directory() {
        return directory;
    }

    /** Where stanzas go. */
    public StanzaRouting routing() {
        return routing;
    }

    /** This instance's name in the directory. */
    public String tag() {
        return tag;
    }

    /**
     * True when every entry has its backup on another member (no partition moving): the death of any one instance
     * loses nothing now. Shortly after an instance joins or leaves it is false for a moment.
     */
    public boolean safe() {
        try {
            return hz.getPartitionService().isClusterSafe();
        } catch (HazelcastInstanceNotActiveException e) {
            return false;
        }
    }

    /** Members of the cluster now, this one included (none while this instance's member is being replaced). */
    public int size() {
        return memberSet().size();
    }

    /** The members' addresses, oldest first. */
    public List<String> members() {
        return memberSet().stream().map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort()).toList();
    }

    private Set<Member> memberSet() {
        try {
            return hz.getCluster().getMembers();
        } catch (HazelcastInstanceNotActiveException e) {
            return Set.of();
        }
    }

    // ---- the instances ------------------------------------------------------------------------------------------

    boolean alive(String owner) {
        return memberOf(owner).isPresent();
    }

    Optional<Member> memberOf(String owner) {
        for (Member m : memberSet()) {
            if (owner.equals(m.getAttribute(TAG_ATTRIBUTE))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    List<String> otherTags() {
        List<String> out = new ArrayList<>();
        for (Member m : memberSet()) {
            String t = m.getAttribute(TAG_ATTRIBUTE);
            if (t != null && !t.equals(tag)) {
                out.add(t);
            }
        }
        return out;
    }

    void publish(String owner, Notes.Note note) {
        ITopic<Notes.Note> topic = hz.getTopic(topicOf(owner));
        topic.publish(note);
    }

    private static String topicOf(String owner) {
        return "jg-to-" + owner;
    }

    /** The instance that runs the sweeps: the oldest member. */
    boolean oldest() {
        Set<Member> now = memberSet();
        return !now.isEmpty() && now.iterator().next().localMember();
    }

    /**
     * Out of the cluster at this moment, before the watchdog's next tick says so: excluded, frozen a moment ago, or
     * left in a minority by a membership change the watchdog has not seen yet (a claim or a routing decision made
     * then would be discarded by the merge, or answer twice).
     */
    boolean excludedNow() {
        return excluded || System.nanoTime() - lastTick > TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds())
                || minority(size());
    }

    /**
     * How long this instance has been serving: since it started, or since it was last readmitted. The resume window
     * of a device nobody claimed only counts while a sweeper could have taken its claim (see SharedDirectory#sweep).
     */
    Duration servingFor() {
        return Duration.ofNanos(System.nanoTime() - servingSince);
    }

    /** The watchdog: a tick that comes far too late means this process was frozen, and the others went on. */
    private void tick() {
        long now = System.nanoTime();
        if (now - lastTick > TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds()) && !closed) {
            log.warn("cluster.frozen seconds={}: the others have taken over this instance's devices; it comes back as"
                    + " a new member", TimeUnit.NANOSECONDS.toSeconds(now - lastTick));
            exclude();
            renew();
        }
        lastTick = now;
        if (!hz.getLifecycleService().isRunning()) {
            return;
        }
        if (renewing) {
            promoteWhenJoined(now);
            return;
        }
        int size = size();
        sawMajority |= size >= majority();
        if (!excluded && minority(size)) {
            log.warn("cluster.minority members={} of {}: the others carry on; this instance steps back", size,
                    settings.members().size());
            log.warn("cluster.threads at the split, for a report:\n{}", clusterThreads());
            exclude();
        }
        // back once Hazelcast merged this member into the cluster again (or its new member took its share, #renew),
        // or, when it never split off, once no merge has begun for a while
        boolean settled = mergedBack || !merging && now - excludedAt > READMIT_WITHOUT_MERGE.toNanos();
        if (excluded && settled && !minority(size)) {
            readmit();
        }
    }

    /**
     * What Hazelcast's threads and ours were doing when this instance found itself cut off: a split of two live
     * instances means one of them stopped sending heartbeats, and this is the trace of why.
     */
    private String clusterThreads() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(false, false, THREAD_FRAMES)) {
            boolean ours = t.getThreadName().contains("jingle-gateway-" + tag + ".")
                    || t.getThreadName().startsWith("cluster-");
            if (!ours || idle(t.getStackTrace()) || t.getThreadId() == Thread.currentThread().getId()) {
                continue;
            }
            out.append(t.getThreadName()).append(' ').append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            out.append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    private static final int THREAD_FRAMES = 12;
    /** Frames of a thread waiting for work: such threads are left out of the dump. */
    private static final List<String> IDLE_FRAMES = List.of("ThreadPoolExecutor.getTask", "LinkedBlockingQueue.take",
            "LinkedBlockingQueue.poll", "EPoll.wait", "DelayQueue.poll", "Thread.sleep", "MPSCQueue.take");

    private static boolean idle(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String at = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName();
            if (IDLE_FRAMES.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** More than half of the configured instances. */
    private int majority() {
        return settings.members().size() / 2 + 1;
    }

    /**
     * True when this instance sees fewer than a majority of three or more configured instances, after having seen a
     * majority once (a lone instance that starts first is not cut off): the others may be carrying on without it.
     */
    private boolean minority(int size) {
        return settings.members().size() >= 3 && sawMajority && size < majority();
    }

    private volatile boolean sawMajority;
    private volatile boolean merging;
    private volatile long excludedAt;
    private volatile boolean readmitting;
    private volatile long servingSince = System.nanoTime();
    private static final Duration READMIT_WITHOUT_MERGE = Duration.ofSeconds(20);
    private volatile boolean mergedBack;
    /** From a freeze until this instance's new member holds its share of the data (see #renew). */
    private volatile boolean renewing;
    private volatile boolean promoting;
    private volatile long renewedAt;
    private volatile boolean closed;

    /**
     * After a freeze, this instance's Hazelcast member is stale: the others went on without it (or are splitting
     * because of it), and its copy of the directory is older than theirs. Were it kept, Hazelcast could later pick it
     * as the side the others merge into (among equal sides it picks by address), and its old copy would then win
     * over every newer entry, and lose every entry it lacks (docs/operations.md, "Several instances"). So the stale
     * member is ended at once, and this instance comes back as a new, empty, lite member: one with no data never wins
     * a merge against a side with data. It takes its share of the data (is promoted) only once it sees a majority of
     * the configured instances, and is readmitted after that.
     */
    private void renew() {
        if (renewing) {
            return;
        }
        renewing = true;
        merging = false;
        mergedBack = false;
        try {
            hz.getLifecycleService().terminate();
        } catch (RuntimeException e) {
            log.warn("cluster.renew: ending the stale member failed", e);
        }
        Thread rejoin = new Thread(this::rejoin, "cluster-rejoin");
        rejoin.setDaemon(true);
        rejoin.start();
    }

    private void rejoin() {
        while (!closed) {
            HazelcastInstance fresh = null;
            try {
                fresh = Hazelcast.newHazelcastInstance(config(true));
                // the replicated map of links exists only on data members: it is taken at the promotion
                directory.bind(fresh);
                fresh.getTopic(topicOf(tag));
                renewedAt = System.nanoTime();
                hz = fresh;
                if (closed) {
                    fresh.getLifecycleService().terminate();
                }
                log.info("cluster.rejoined lite=true members={}", size());
                return;
            } catch (RuntimeException e) {
                log.warn("cluster.rejoin-failed: tries again in 1 s: {}", e.toString());
                if (fresh != null) {
                    fresh.getLifecycleService().terminate();
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The new member takes its share of the data once it sees a majority with another data member, or, with fewer
     * than three instances configured (where no majority is required), once it has waited for one for a while.
     */
    private void promoteWhenJoined(long now) {
        if (promoting) {
            return;
        }
        Set<Member> members = memberSet();
        boolean others = members.stream().anyMatch(m -> !m.localMember() && !m.isLiteMember());
        boolean ready = others ? members.size() >= majority()
                : settings.members().size() < 3 && now - renewedAt > READMIT_WITHOUT_MERGE.toNanos();
        if (!ready) {
            return;
        }
        promoting = true;
        worker.execute(() -> {
            try {
                if (hz.getCluster().getLocalMember().isLiteMember()) {
                    hz.getCluster().promoteLocalLiteMember();
                }
                routing.bind(hz);
                log.info("cluster.promoted members={}", size());
                mergedBack = true;
                renewing = false;
            } catch (RuntimeException e) {
                log.warn("cluster.promote-failed: tries again: {}", e.toString());
            } finally {
                promoting = false;
            }
        });
    }

    private synchronized void exclude() {
        if (excluded) {
            return;
        }
        excluded = true;
        excludedAt = System.nanoTime();
        mergedBack = false;
        worker.execute(() -> {
            try {
                local.excluded();
            } catch (RuntimeException e) {
                log.warn("cluster.exclude-failed", e);
            }
        });
    }

    /**
     * Back in: first (on the worker, still excluded, so that no device registers here meanwhile) the entries the
     * merged directory still gives this instance are marked let go, for their pages to claim within the resume
     * window or for the sweep; then this instance serves again.
     */
    private synchronized void readmit() {
        if (!excluded || readmitting) {
            return;
        }
        readmitting = true;
        worker.execute(() -> {
            try {
                int stale = directory.letGoOfMine();
                synchronized (this) {
                    excluded = false;
                    servingSince = System.nanoTime();
                }
                log.info("cluster.readmitted members={} let-go={}", size(), stale);
                local.readmitted();
            } catch (RuntimeException e) {
                log.warn("cluster.readmit-failed: stays out until the next try", e);
            } finally {
                readmitting = false;
            }
        });
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
            // not on Hazelcast's event thread: a map operation may wait for the partitions to settle
            worker.execute(() -> {
                if (!excludedNow() && hz.getLifecycleService().isRunning()) {
                    routing.forgetLink(dead);
                }
            });
            deadSince.putIfAbsent(dead, System.nanoTime());
        }
    }

    private final class Lifecycle implements LifecycleListener {
        @Override
        public void stateChanged(LifecycleEvent event) {
            switch (event.getState()) {
                case MERGING -> {
                    log.warn("cluster.merging: this instance was split off; the others have its devices");
                    merging = true;
                    exclude();
                }
                case MERGED, MERGE_FAILED -> {
                    log.info("cluster.merged state={}", event.getState());
                    merging = false;
                    mergedBack = event.getState() == LifecycleEvent.LifecycleState.MERGED;
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
                StanzaXml.parse(in.xml()).ifPresent(p -> routing.arrived(p, in.hops()));
            } else if (note instanceof Notes.SharedIn in) {
                StanzaXml.parse(in.xml()).filter(org.xmpp.packet.Message.class::isInstance)
                        .ifPresent(p -> local.deliverShared((org.xmpp.packet.Message) p));
            } else if (note instanceof Notes.StanzaOut out) {
                StanzaXml.parse(out.xml()).ifPresent(local::sendOut);
            } else if (note instanceof Notes.PresenceAll p) {
                StanzaXml.parse(p.xml()).filter(Presence.class::isInstance)
                        .ifPresent(x -> local.presence((Presence) x));
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

    /** Makes the watchdog's next tick find this process was frozen, as after a SIGSTOP and SIGCONT (tests). */
    void frozenForTest() {
        lastTick = System.nanoTime() - TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds() + 1L);
    }

    /** This instance's current Hazelcast member (tests). */
    Member memberForTest() {
        return hz.getCluster().getLocalMember();
    }

    /** Ends this member at once, as a killed process would (tests). */
    void terminateForTest() {
        closed = true;
        watchdog.shutdownNow();
        worker.shutdownNow();
        hz.getLifecycleService().terminate();
    }

    /** Leaves the cluster (after SIGTERM handed everything over). */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        worker.shutdownNow();
        if (!excluded) {
            routing.link(false);
        }
        hz.shutdown();
    }
}
