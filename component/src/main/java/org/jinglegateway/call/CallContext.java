package org.jinglegateway.call;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jinglegateway.limits.Budgets;
import org.jinglegateway.mapper.MapperException;
import org.slf4j.MDC;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * What the routers and the event classes share: the registry, the peer directory, the XMPP side with the Jingle sets
 * still waiting for their reply, the timers, the metrics listener and the lanes. Every event of a call runs through
 * {@link #onLane}, on the call's own serial lane (a Guava sequential executor over the shared pool): calls never
 * block each other and one call's events never overtake each other (STYLE.md §8).
 */
final class CallContext {
    final String domain;
    final DeviceRegistry devices;
    final CallRegistry calls = new CallRegistry();
    final PeerDirectory peers;
    final Ids ids = new Ids();
    private final XmppSender xmpp;
    private final Timers timers;
    private final Executor pool;
    private final Map<String, PendingIq> pendingIqs = new ConcurrentHashMap<>();
    private volatile Duration ringTimeout;
    private volatile CallListener listener = CallListener.NONE;
    /** What a device or peer may cost (limits.*); replaced by CallService.setBudgets. */
    private volatile Budgets budgets = Budgets.defaults();
    /** Set on SIGTERM: no new calls from either side (docs/protocol.md §9). */
    private volatile boolean draining;
    /** Where calls are saved for other instances; NONE for one process. */
    private volatile Directory directory = Directory.NONE;
    /** Set once by CallService, right after construction (Endings needs this context too). */
    private Endings endings;

    /** A Jingle set we sent: whose call, what it was, and the JID that must answer it. */
    record PendingIq(Call call, String action, JID to) {
    }

    CallContext(String domain, DeviceRegistry devices, XmppSender xmpp, Timers timers, Executor pool,
                Duration ringTimeout) {
        this.domain = domain;
        this.peers = new PeerDirectory(domain);
        this.devices = devices;
        this.xmpp = xmpp;
        this.timers = timers;
        this.pool = pool;
        this.ringTimeout = ringTimeout;
    }

    /** A new serial lane for a call. */
    Executor lane() {
        return MoreExecutors.newSequentialExecutor(pool);
    }

    /** Runs a task on the call's lane, with its ids in the log context, guarded by {@link Endings#guarded}. */
    void onLane(Call call, Consumer<Call> task) {
        call.lane.execute(() -> withLogContext(call, () -> {
            endings.guarded(call, task);
            save(call);
        }));
    }

    Directory directory() {
        return directory;
    }

    void directory(Directory d) {
        this.directory = d;
    }

    /** After each event: the call's snapshot goes to the directory when it changed (never for one process). */
    private void save(Call call) {
        Directory d = directory;
        if (d == Directory.NONE || call.ended()) {
            return;
        }
        try {
            call.saved(d);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CallContext.class).warn("cluster.save-failed call={}", call, e);
        }
    }

    /** Runs a task with the call's ids in the log context (STYLE.md §7). */
    private static void withLogContext(Call call, Runnable task) {
        MDC.put("callId", call.callId);
        MDC.put("sid", call.sid);
        MDC.put("peer", call.peerOrBare().toString());
        try {
            task.run();
        } finally {
            MDC.remove("callId");
            MDC.remove("sid");
            MDC.remove("peer");
        }
    }

    Budgets budgets() {
        return budgets;
    }

    void budgets(Budgets b) {
        this.budgets = b;
    }

    /** True once SIGTERM came: new calls are refused from either side. */
    boolean draining() {
        return draining;
    }

    void stopTakingCalls() {
        this.draining = true;
    }

    void endings(Endings e) {
        this.endings = e;
    }

    void send(Packet packet) {
        xmpp.send(packet);
    }

    /** Sends an IQ set for a call and remembers it, so that its result or error comes back to the call. */
    void sendIq(Call call, IQ iq, String action) {
        pendingIqs.put(iq.getID(), new PendingIq(call, action, iq.getTo()));
        try {
            xmpp.send(iq);
        } catch (RuntimeException e) {
            pendingIqs.remove(iq.getID());
            throw e;
        }
    }

    /** The Jingle set a reply answers, taken once; only the JID the IQ went to may answer it (RFC 6120 §8.1.2.1). */
    Optional<PendingIq> replied(IQ reply) {
        PendingIq pending = reply.getID() == null ? null : pendingIqs.get(reply.getID());
        if (pending == null || !pending.to().equals(reply.getFrom()) || !pendingIqs.remove(reply.getID(), pending)) {
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    /** A Jingle the mapper could not read: bad-request with its message, which says what and where (STYLE §6). */
    void badRequest(IQ iq, MapperException e) {
        listener.mappingError(e.kind().name());
        xmpp.send(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
    }

    /** Runs a task on the call's lane after a delay; a new timer replaces the call's running one. */
    void schedule(Call call, Duration delay, Consumer<Call> task) {
        call.replaceTimer(timers.after(delay, () -> onLane(call, task)));
    }

    /** Runs a task after a delay, on the timer thread (not on a call's lane). */
    Timers.Timer after(Duration delay, Runnable task) {
        return timers.after(delay, task);
    }

    /** Forgets a call handed to another instance: gone from here, its snapshot stays in the directory. */
    void drop(Call call) {
        call.cancelTimer();
        calls.remove(call);
        pendingIqs.values().removeIf(p -> p.call() == call);
    }

    /** Forgets an ended call: nothing of it stays in memory. */
    void forget(Call call) {
        call.cancelTimer();
        calls.remove(call);
        directory.callGone(call.local, call.callId);
        pendingIqs.values().removeIf(p -> p.call() == call);
    }

    Duration ringTimeout() {
        return ringTimeout;
    }

    void ringTimeout(Duration timeout) {
        this.ringTimeout = timeout;
    }

    CallListener listener() {
        return listener;
    }

    void listener(CallListener l) {
        this.listener = l;
    }
}
