package org.jinglegateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jinglegateway.limits.Budgets;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The call layer as the rest of the gateway sees it: browser frames and XMPP stanzas in, frames and stanzas out.
 * Routing ({@link BrowserRouter}, {@link XmppRouter}) runs on the caller's thread and only looks things up in the
 * {@link CallRegistry}; everything a call does runs on that call's serial lane, so calls never block each other and
 * one call's events never overtake each other (STYLE.md §8).
 */
public final class CallService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallService.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper SNAPSHOTS =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final CallContext context;
    private final BrowserRouter browsers;
    private final XmppRouter xmpp;
    private final AdminView admin;
    private final Endings endings;
    private final LinkGap link;

    public CallService(String domain, DeviceRegistry devices, XmppSender xmpp, ScheduledExecutorService timers,
                       Executor pool, Duration ringTimeout) {
        this(domain, devices, xmpp, Timers.of(timers), pool, ringTimeout);
    }

    CallService(String domain, DeviceRegistry devices, XmppSender xmppSender, Timers timers, Executor pool,
                Duration ringTimeout) {
        this.context = new CallContext(domain, devices, xmppSender, timers, pool, ringTimeout);
        Outbox out = new Outbox(context);
        this.endings = new Endings(context, out);
        context.endings(endings);
        IceRestarts restarts = new IceRestarts(context, out);
        this.browsers = new BrowserRouter(context, new BrowserEvents(context, out, endings, restarts));
        this.xmpp = new XmppRouter(context, new PeerEvents(context, out, endings, restarts),
                new PeerInitiates(context, out, endings), new PeerReplies(out, endings, restarts), endings);
        this.admin = new AdminView(context, endings);
        this.link = new LinkGap(context, endings);
    }

    public String domain() {
        return context.domain;
    }

    public DeviceRegistry devices() {
        return context.devices;
    }

    public void setListener(CallListener callListener) {
        context.listener(callListener);
    }

    /** What a device, socket or peer may cost (limits.*). */
    public void setBudgets(Budgets budgets) {
        context.budgets(budgets);
    }

    public Budgets budgets() {
        return context.budgets();
    }

    /** Calls in memory in a state (for metrics). */
    public long count(CallState state) {
        return context.calls.all().stream().filter(c -> c.state() == state).count();
    }

    /** Calls in memory (for tests, metrics and the admin commands). */
    public int size() {
        return context.calls.size();
    }

    // ---- browser side -------------------------------------------------------------------------------------------

    /** A decoded call frame from a registered device (docs/protocol.md); problems are answered with an error frame. */
    public void onFrame(Device device, BrowserFrame.ForCall frame) {
        browsers.onFrame(device, frame);
    }

    /** A call frame the decoder refused, from a registered device: answered once the checks before it pass. */
    public void refuse(Device device, FrameRefusal refusal) {
        browsers.refuse(device, refusal);
    }

    /** A device's socket closed: its calls end with {@code gone} (docs/protocol.md). */
    public void deviceGone(Device device) {
        deviceGone(device, "the browser disconnected");
    }

    /** A device is gone: its calls end with {@code gone} and this text for the peer. */
    public void deviceGone(Device device, String text) {
        browsers.deviceGone(device, text);
    }

    /** Where calls are saved for other instances (docs/operations.md, "Several instances"); NONE by default. */
    public void setDirectory(Directory directory) {
        context.directory(directory);
    }

    /**
     * Calls of a device claimed from another instance, from their snapshots, now on this instance's lanes. A call
     * still being set up gets the ring timeout again; its held candidates and unanswered IQs stayed behind.
     */
    List<Call> restore(Device device, List<String> snapshots) {
        List<Call> restored = new java.util.ArrayList<>();
        for (String text : snapshots) {
            Call call;
            try {
                call = Call.restore(SNAPSHOTS.readTree(text), device, context.lane(), context.listener());
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("cluster.restore-failed device={}",
                        device.jid(), e);
                continue;
            }
            if (call.ended() || !context.calls.add(call)) {
                continue;
            }
            restored.add(call);
            if (call.state() != CallState.ACTIVE) {
                context.onLane(call, c -> context.schedule(c, context.ringTimeout(), endings::timeout));
            }
        }
        return restored;
    }

    /**
     * The device's calls leave this instance without ending: each one's snapshot is saved on its lane, then it is
     * forgotten here (another instance claims them).
     */
    void release(Device device) {
        List<java.util.concurrent.CompletableFuture<Void>> saved = new java.util.ArrayList<>();
        for (Call call : context.calls.ofDevice(device.jid())) {
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            saved.add(done);
            call.lane.execute(() -> {
                try {
                    if (!call.ended()) {
                        call.saved(context.directory());
                    }
                    context.drop(call);
                } finally {
                    done.complete(null);
                }
            });
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(saved.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("cluster.release-slow device={}",
                    device.jid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A call whose device nobody claimed in time (its instance died): restored on a device that sends nothing, then
     * ended on the peer's side with {@code reason} and {@code text}, and forgotten everywhere.
     */
    public void endOrphan(String snapshot, String reason, String text) {
        Call call;
        try {
            JsonNode s = SNAPSHOTS.readTree(snapshot);
            JID jid = new JID(s.path("device").asText());
            call = Call.restore(s, new Device() {
                @Override
                public JID jid() {
                    return jid;
                }

                @Override
                public void send(com.fasterxml.jackson.databind.node.ObjectNode frame) {
                    // the browser is gone: nobody to tell
                }
            }, context.lane(), context.listener());
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("cluster.orphan-unreadable", e);
            return;
        }
        if (context.calls.add(call)) {
            context.onLane(call, c -> endings.endOnBothSides(c, reason, Optional.of(text)));
        }
    }

    /** Another instance's device took or declined a proposal: this instance's ringing devices of the user stop. */
    public void endSiblings(JID user, String sid, JID peerBare, String reason, String text) {
        for (Call call : context.calls.withSid(sid)) {
            if (!call.outgoing && call.peerBare.equals(peerBare.asBareJID())
                    && call.local.asBareJID().equals(user.asBareJID())) {
                context.onLane(call, c -> endings.endQuietly(c, reason, Optional.of(text)));
            }
        }
    }

    /** The shared state, for the device layer of this package ({@link DeviceSessions}). */
    CallContext context() {
        return context;
    }

    // ---- XMPP side ----------------------------------------------------------------------------------------------

    /**
     * An IQ for the call layer: a Jingle set, or the answer to one we sent. Returns false when it is neither, so
     * the component answers it.
     */
    public boolean onIq(IQ iq) {
        return xmpp.onIq(iq);
    }

    /** A message for the call layer (XEP-0353). Returns false when it carries no Jingle message. */
    public boolean onMessage(Message message) {
        return xmpp.onMessage(message, false);
    }

    /**
     * A message another instance passed on to every instance with a device of its user (a proposal to a bare JID):
     * like {@link #onMessage}, but with no device of the user here it is not refused.
     */
    public boolean onSharedMessage(Message message) {
        return xmpp.onMessage(message, true);
    }

    /** A peer device went offline: its calls end with {@code gone}. */
    public void onPeerUnavailable(JID full) {
        xmpp.onPeerUnavailable(full);
    }

    /** A peer's XEP-0115 caps node, seen in its presence: picks its row of the quirk table. */
    public void onPeerCaps(JID full, String node) {
        context.peers.caps(full, node);
    }

    /**
     * A peer's XEP-0115 caps, seen in a presence addressed to {@code to}: picks its row of the quirk table, and the
     * first time the device announces this hash, asks its disco#info (from {@code to}), whose feature list then
     * decides whether a data channel may go to it.
     */
    public void onPeerCaps(JID full, JID to, String node, String ver) {
        onPeerCaps(full, node);
        context.peers.askFeatures(full, to, node, ver, context.directory().requestIdSuffix()).ifPresent(context::send);
    }

    /**
     * The XMPP link dropped: calls go on while the gateway reconnects (what they send is held), and end on both sides
     * with {@code connectivity-error} when the link stays down longer than the resume window (docs/calls.md).
     */
    public void onXmppDown() {
        link.down();
    }

    /** The XMPP link is back (what was held has been sent): the calls go on. */
    public void onXmppUp() {
        link.up();
    }

    /** {@code xmpp.resume-seconds}: how long calls outlive a drop of the XMPP link. */
    public void setLinkResume(Duration window) {
        link.window(window);
    }

    /** What was held for the XMPP link passed its bound and is gone: the calls with XMPP peers end now. */
    public void onHeldOverflow() {
        link.endCalls("more was held for the XMPP server than the gateway keeps while the link is down");
    }

    // ---- configuration and administration -----------------------------------------------------------------------

    /** A reloaded {@code calls.ring-timeout-seconds}: calls that start from now on use it. */
    public void setRingTimeout(Duration timeout) {
        context.ringTimeout(timeout);
    }

    /** What an administrator sees of a call (XEP-0050 list). */
    public record CallInfo(String id, String device, String peer, String state, boolean outgoing, Instant since) {
    }

    /**
     * SIGTERM, first step (docs/protocol.md §9): from now on a browser's {@code call} gets {@code shutting-down}, a
     * session-initiate a session-terminate with busy, a propose a reject with busy. Calls under way go on.
     */
    public void stopTakingCalls() {
        context.stopTakingCalls();
    }

    /** SIGTERM, last step: every call left is ended on both sides with this reason and text. */
    public void endAll(String reason, String text) {
        for (Call call : context.calls.all()) {
            context.onLane(call, c -> endings.endOnBothSides(c, reason, Optional.of(text)));
        }
    }

    /** The calls of every instance of a cluster, as the admin commands see them. */
    public interface ClusterCalls {
        /** Every call's snapshot, whichever instance holds it. */
        java.util.Collection<String> snapshots();

        /** Ends a call another instance holds; false when none does. */
        boolean endElsewhere(String id, String reason);

        /** The browser devices every instance holds now (full JIDs). */
        java.util.Collection<String> deviceJids();

        /** Disconnects a device another instance holds (its calls end with gone); false when none does. */
        boolean disconnectElsewhere(String jid, String why);
    }

    private volatile Optional<ClusterCalls> cluster = Optional.empty();

    public void setClusterCalls(ClusterCalls c) {
        this.cluster = Optional.of(c);
    }

    /**
     * The calls, for the admin commands: in memory here, or of every instance in a cluster; {@code id} is what
     * {@link #endCall} takes.
     */
    public List<CallInfo> calls(Clock clock) {
        if (cluster.isEmpty()) {
            return admin.calls(clock);
        }
        List<CallInfo> all = new java.util.ArrayList<>();
        for (String text : cluster.get().snapshots()) {
            try {
                JsonNode s = SNAPSHOTS.readTree(text);
                String device = s.path("device").asText();
                all.add(new CallInfo(device + " " + s.path("callId").asText(), device,
                        s.path("peer").asText(s.path("peerBare").asText()),
                        s.path("state").asText().toLowerCase(java.util.Locale.ROOT), s.path("outgoing").asBoolean(),
                        Instant.ofEpochMilli(s.path("startedAt").asLong())));
            } catch (java.io.IOException e) {
                log.warn("cluster.snapshot-unreadable", e);
            }
        }
        return all;
    }

    /** Ends a call on an administrator's word (on whichever instance holds it): both sides are told. */
    public boolean endCall(String id, String reason) {
        return admin.endCall(id, reason) || cluster.map(c -> c.endElsewhere(id, reason)).orElse(false);
    }

    /** The browser devices online, for the admin commands: here, or on every instance in a cluster; sorted. */
    public List<String> deviceJids() {
        java.util.Collection<String> jids = cluster.isPresent() ? cluster.get().deviceJids()
                : devices().all().stream().map(d -> d.jid().toString()).toList();
        return jids.stream().sorted().toList();
    }

    /** Disconnects a browser device on an administrator's word, wherever it is held; false when none is online. */
    public boolean disconnect(String jid, String why) {
        return disconnectHere(jid, why) || cluster.map(c -> c.disconnectElsewhere(jid, why)).orElse(false);
    }

    /** Disconnects a device held here (asked by an administrator, maybe through another instance). */
    public boolean disconnectHere(String jid, String why) {
        Optional<Device> device;
        try {
            device = devices().find(new JID(jid));
        } catch (IllegalArgumentException notAJid) {
            return false;
        }
        device.ifPresent(d -> d.disconnect(why));
        return device.isPresent();
    }

    /** Ends a call held here on an administrator's word (asked by another instance). */
    public boolean endCallHere(String id, String reason) {
        return admin.endCall(id, reason);
    }
}
