package org.jinglegateway.call;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.JingleMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Routes browser frames and XMPP stanzas to calls. Routing runs on the caller's thread and only looks things up;
 * everything a call does runs on that call's serial lane (a Guava sequential executor over a shared pool), so
 * calls never block each other and one call's events never overtake each other (STYLE.md §8).
 */
public final class CallService {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private final String domain;
    private final DeviceRegistry devices;
    private final XmppSender xmpp;
    private final ScheduledExecutorService timers;
    private final Executor pool;
    private volatile Duration ringTimeout;
    final Ids ids = new Ids();
    private final CallFlows flows = new CallFlows(this);
    private final PeerFlows peers = new PeerFlows(this, flows);

    private final Map<CallKey, Call> byKey = new ConcurrentHashMap<>();
    private final Map<String, Call> byCallId = new ConcurrentHashMap<>();
    private final Map<String, PendingIq> pendingIqs = new ConcurrentHashMap<>();
    private final Map<JID, String> capsNodes = new ConcurrentHashMap<>();
    private volatile CallListener listener = CallListener.NONE;

    /** An IQ we sent for a call, waiting for its result. */
    /** A Jingle set we sent: whose call, what it was, and the JID that must answer it. */
    record PendingIq(Call call, String action, JID to) {
    }

    public CallService(String domain, DeviceRegistry devices, XmppSender xmpp, ScheduledExecutorService timers,
                       Executor pool, Duration ringTimeout) {
        this.domain = domain;
        this.devices = devices;
        this.xmpp = xmpp;
        this.timers = timers;
        this.pool = pool;
        this.ringTimeout = ringTimeout;
    }

    public String domain() {
        return domain;
    }

    public DeviceRegistry devices() {
        return devices;
    }

    public void setListener(CallListener callListener) {
        this.listener = callListener;
    }

    CallListener listener() {
        return listener;
    }

    /** Calls in memory in a state (for metrics). */
    public long count(CallState state) {
        return byCallId.values().stream().filter(c -> c.state() == state).count();
    }

    /** Calls in memory (for tests, metrics and the admin commands). */
    public int size() {
        return byCallId.size();
    }

    // ---- browser side -------------------------------------------------------------------------------------------

    /** A decoded call frame from a registered device (contracts.md §3); problems are answered with an error frame. */
    public void onFrame(Device device, BrowserFrame.ForCall frame) {
        if (frame instanceof BrowserFrame.PlaceCall place) {
            placeCall(device, place);
            return;
        }
        Call call = byCallId.get(browserKey(device, frame.callId()));
        if (call == null) {
            unknownCall(device, frame.callId());
            return;
        }
        // Java 17 has no pattern switch: one instanceof per type of the sealed interface
        if (frame instanceof BrowserFrame.Accept) {
            onLane(call, flows::browserAccept);
        } else if (frame instanceof BrowserFrame.Reject) {
            onLane(call, c -> flows.browserHangup(c, "decline", Optional.empty()));
        } else if (frame instanceof BrowserFrame.Answer a) {
            onLane(call, c -> flows.browserAnswer(c, a.sdp()));
        } else if (frame instanceof BrowserFrame.Offer o) {
            onLane(call, c -> flows.browserOffer(c, o.sdp()));
        } else if (frame instanceof BrowserFrame.Candidate k) {
            onLane(call, c -> flows.browserCandidate(c, k.candidate()));
        } else if (frame instanceof BrowserFrame.Hangup h) {
            onLane(call, c -> flows.browserHangup(c, h.reason(), h.text()));
        }
    }

    /**
     * A call frame the decoder refused, from a registered device: answered with its error frame once the checks
     * that go before it (a duplicate or an unknown callId) have passed.
     */
    public void refuse(Device device, FrameRefusal refusal) {
        Optional<String> callId = refusal.callId();
        switch (refusal.precedence()) {
            case AFTER_DUPLICATE_CHECK -> {
                if (callId.isPresent() && byCallId.containsKey(browserKey(device, callId.get()))) {
                    duplicateCall(device, callId.get());
                    return;
                }
            }
            case AFTER_CALL_LOOKUP -> {
                Call call = callId.map(id -> byCallId.get(browserKey(device, id))).orElse(null);
                if (call == null) {
                    unknownCall(device, callId.orElse(""));
                } else {
                    onLane(call, c -> {
                        throw new CallException(refusal.code(), refusal.message());
                    });
                }
                return;
            }
            default -> {
            }
        }
        device.send(Frames.error(callId, refusal.code(), refusal.message()));
    }

    private static void unknownCall(Device device, String callId) {
        device.send(Frames.error(Optional.of(callId), ErrorCode.UNKNOWN_CALL, "there is no call \"" + callId
                + "\" on this connection"));
    }

    private static void duplicateCall(Device device, String callId) {
        device.send(Frames.error(Optional.of(callId), ErrorCode.DUPLICATE_CALL, "a call \"" + callId
                + "\" is already in progress on this connection"));
    }

    private void placeCall(Device device, BrowserFrame.PlaceCall frame) {
        String callId = frame.callId();
        if (byCallId.containsKey(browserKey(device, callId))) {
            duplicateCall(device, callId);
            return;
        }
        JID peer = frame.to();
        if (peer.getNode() == null && peer.getDomain().equals(domain)) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.BAD_JID, "\"to\" must name a user, not the"
                    + " gateway"));
            return;
        }
        if (peer.asBareJID().equals(device.jid().asBareJID())) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.BAD_JID, "a device cannot call its own user"));
            return;
        }
        String sdp = frame.sdp();
        if (peer.getResource() == null) {
            peer = deviceWithoutJmi(peer).orElse(peer);
        }
        boolean full = peer.getResource() != null;
        Call call = new Call(callId, device, true, ids.next(16), peer, full ? Optional.of(peer) : Optional.empty(),
                !full, lane(), full ? CallState.PENDING : CallState.PROPOSED);
        call.quirks = quirks(peer);
        call.listener = listener;
        byCallId.put(browserKey(device, callId), call);
        byKey.put(call.key(), call);
        listener.started(true);
        onLane(call, c -> flows.placeCall(c, sdp));
    }

    /** A device's socket closed: its calls end with {@code gone} (contracts.md §3). */
    public void deviceGone(Device device) {
        for (Call call : calls()) {
            if (call.device == device) {
                onLane(call, c -> flows.browserHangup(c, "gone", Optional.of("the browser disconnected")));
            }
        }
    }

    // ---- XMPP side ----------------------------------------------------------------------------------------------

    /**
     * An IQ for the call layer: a Jingle set, or the answer to one we sent. Returns false when it is neither, so
     * the component answers it.
     */
    public boolean onIq(IQ iq) {
        if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
            PendingIq pending = iq.getID() == null ? null : pendingIqs.get(iq.getID());
            // only the JID the IQ went to may answer it (RFC 6120 §8.1.2.1): ids are not secrets
            if (pending == null || !pending.to().equals(iq.getFrom())
                    || !pendingIqs.remove(iq.getID(), pending)) {
                return false;
            }
            onLane(pending.call(), c -> peers.peerResponse(c, pending.action(), iq));
            return true;
        }
        Element jingle = Stanzas.jingleChild(iq);
        if (jingle == null || iq.getType() != IQ.Type.set) {
            return false;
        }
        JID from = iq.getFrom();
        JID to = iq.getTo();
        String sid = jingle.attributeValue("sid");
        String action = jingle.attributeValue("action");
        if (from == null || to == null || sid == null || action == null) {
            xmpp.send(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(),
                    "a jingle element needs action and sid (XEP-0166 §7.1), and the IQ needs from and to"));
            return true;
        }
        Call call = byKey.get(new CallKey(from, to, sid));
        if (call != null && !call.isPeer(from)) {
            xmpp.send(Stanzas.unknownSession(iq, "session " + sid + " is not with " + from));
            return true;
        }
        boolean proposedToUs = call != null && call.jmi && !call.outgoing
                && (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING);
        if ("session-initiate".equals(action) && (call == null || proposedToUs)) {
            Optional<Device> device = devices.find(to);
            if (device.isEmpty()) {
                xmpp.send(Stanzas.error(iq, PacketError.Condition.service_unavailable, Optional.empty(),
                        to + " is not online"));
                return true;
            }
            if (call == null) {
                call = new Call(ids.next(12), device.get(), false, sid, from, Optional.of(from), false, lane(),
                        CallState.PENDING);
                call.quirks = quirks(from);
                call.listener = listener;
                byKey.put(call.key(), call);
                byCallId.put(browserKey(device.get(), call.callId), call);
                listener.started(false);
            }
            onLane(call, c -> peers.peerInitiate(c, iq));
            return true;
        }
        if (call == null) {
            xmpp.send(Stanzas.unknownSession(iq, "no Jingle session " + sid + " between " + from + " and " + to));
            return true;
        }
        onLane(call, c -> peers.peerJingle(c, iq));
        return true;
    }

    /** A message for the call layer (XEP-0353). Returns false when it carries no Jingle message. */
    public boolean onMessage(Message message) {
        Optional<JingleMessage> jmi;
        try {
            jmi = JingleMessages.read(message.getElement());
        } catch (MapperException e) {
            log.warn("jmi.bad from={} problem={}", message.getFrom(), e.getMessage());
            return true;
        }
        if (jmi.isEmpty() || message.getFrom() == null || message.getTo() == null) {
            return jmi.isPresent();
        }
        JingleMessage m = jmi.get();
        if (message.getType() == Message.Type.error) {
            bounced(message, m);
            return true;
        }
        JID from = message.getFrom();
        JID to = message.getTo();
        if (m.kind() == JingleMessage.Kind.PROPOSE) {
            onPropose(from, to, m);
            return true;
        }
        List<Call> matching = new ArrayList<>();
        for (Call call : calls()) {
            if (call.sid.equals(m.id()) && call.peerBare.equals(from.asBareJID()) && call.isPeer(from)
                    && (to.getResource() == null ? call.local.asBareJID().equals(to.asBareJID())
                    : call.local.equals(to))) {
                matching.add(call);
            }
        }
        if (matching.isEmpty()) {
            log.debug("jmi.unknown kind={} id={} from={}", m.kind().token(), m.id(), from);
        }
        for (Call call : matching) {
            onLane(call, c -> peers.peerMessage(c, from, m));
        }
        return true;
    }

    /** Our propose came back as an error (e.g. no such user): the browser's call ends with the condition. */
    private void bounced(Message error, JingleMessage m) {
        if (m.kind() != JingleMessage.Kind.PROPOSE) {
            return;
        }
        String condition = error.getError() == null ? "undefined-condition" : error.getError().getCondition().toXMPP();
        for (Call call : calls()) {
            if (call.outgoing && call.sid.equals(m.id()) && call.local.equals(error.getTo())) {
                onLane(call, c -> peers.peerGone(c, "failed-application",
                        Optional.of("the XMPP server could not deliver the call to " + c.peerBare + ": " + condition)));
            }
        }
    }

    private void onPropose(JID from, JID to, JingleMessage propose) {
        if (to.getNode() == null) {
            log.debug("jmi.propose to the gateway itself from={}", from);
            return;
        }
        JID user = to.asBareJID();
        List<Device> targets = to.getResource() == null ? devices.of(to.getNode())
                : devices.find(to).map(List::of).orElse(List.of());
        // XEP-0353 §3.1 tie-break: crossing proposes between the same two users; the lower id goes on
        for (Call mine : calls()) {
            if (mine.outgoing && mine.jmi && mine.state() == CallState.PROPOSED && mine.peerBare.equals(from
                    .asBareJID()) && mine.local.asBareJID().equals(user)) {
                if (mine.sid.compareTo(propose.id()) < 0) {
                    log.info("jmi.tie-break kept={} dropped={}", mine.sid, propose.id());
                    return;
                }
                onLane(mine, c -> flows.lostTieBreak(c));
            }
        }
        if (targets.isEmpty()) {
            xmpp.send(Stanzas.jmi(to, from, ids.next(12), new JingleMessage(JingleMessage.Kind.REJECT, propose.id(),
                    List.of(), Optional.of(new org.jinglegateway.mapper.jingle.Reason("gone",
                    Optional.of(to.getNode() + " has no browser online"), List.of())), Optional.empty(), List.of())));
            return;
        }
        listener.started(false);
        for (Device device : targets) {
            Call call = new Call(ids.next(12), device, false, propose.id(), from, Optional.of(from), true, lane(),
                    CallState.PROPOSED);
            call.quirks = quirks(from);
            call.listener = listener;
            if (byKey.putIfAbsent(call.key(), call) != null) {
                continue; // a repeated propose (e.g. from an archive): already ringing
            }
            byCallId.put(browserKey(device, call.callId), call);
            onLane(call, c -> peers.peerProposed(c, propose));
        }
    }

    /** A peer device went offline: its calls end with {@code gone}. */
    public void onPeerUnavailable(JID full) {
        capsNodes.remove(full);
        for (Call call : calls()) {
            if (full.equals(call.peer)) {
                onLane(call, c -> peers.peerGone(c, "gone", Optional.of(full + " went offline")));
            }
        }
    }

    /** A peer's XEP-0115 caps node, seen in its presence: picks its row of the quirk table. */
    public void onPeerCaps(JID full, String node) {
        capsNodes.put(full, node);
    }

    /** The XMPP connection dropped: every call ends, and the browsers are told. */
    public void onXmppDown() {
        for (Call call : calls()) {
            if (call.peerBare.getDomain().equals(domain)) {
                continue; // a call between two browser users never leaves the gateway
            }
            onLane(call, c -> peers.peerGone(c, "connectivity-error",
                    Optional.of("the gateway lost its connection to the XMPP server")));
        }
    }

    // ---- for CallFlows ------------------------------------------------------------------------------------------

    void sendXmpp(org.xmpp.packet.Packet packet) {
        xmpp.send(packet);
    }

    /** Sends an IQ set for a call and remembers it, so that its result or error comes back to the call. */
    void sendIq(Call call, IQ iq, String action) {
        pendingIqs.put(iq.getID(), new PendingIq(call, action, iq.getTo()));
        xmpp.send(iq);
    }

    /** A reloaded {@code calls.ring-timeout-seconds}: calls that start from now on use it. */
    public void setRingTimeout(Duration timeout) {
        this.ringTimeout = timeout;
    }

    /** What an administrator sees of a call (XEP-0050 list). */
    public record CallInfo(String id, String device, String peer, String state, boolean outgoing,
                           java.time.Instant since) {
    }

    /** The calls in memory, for the admin commands; {@code id} is what {@link #endCall} takes. */
    public List<CallInfo> calls(java.time.Clock clock) {
        long now = System.nanoTime();
        return calls().stream().map(c -> new CallInfo(adminId(c), c.local.toString(),
                String.valueOf(c.peer == null ? c.peerBare : c.peer), c.state().name().toLowerCase(
                java.util.Locale.ROOT), c.outgoing, clock.instant().minusNanos(now - c.startedNanos))).toList();
    }

    /** Ends a call on an administrator's word: both sides are told, with the reason and who ended it. */
    public boolean endCall(String id, String reason) {
        for (Call call : calls()) {
            if (adminId(call).equals(id)) {
                onLane(call, c -> flows.endByAdmin(c, reason));
                return true;
            }
        }
        return false;
    }

    private static String adminId(Call c) {
        return c.local + " " + c.callId;
    }

    Duration ringTimeout() {
        return ringTimeout;
    }

    /** Runs a task on the call's lane after a delay. */
    void schedule(Call call, Duration delay, Consumer<Call> task) {
        call.cancelTimer();
        call.timer = timers.schedule(() -> onLane(call, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets an ended call: nothing of it stays in memory. */
    void forget(Call call) {
        call.cancelTimer();
        byKey.remove(call.key(), call);
        byCallId.remove(browserKey(call.device, call.callId), call);
        pendingIqs.values().removeIf(p -> p.call() == call);
    }

    /** The other devices' calls for the same proposal (a user's devices all ring; one accepts). */
    List<Call> siblings(Call call) {
        return calls().stream().filter(c -> c != call && c.sid.equals(call.sid) && !c.outgoing
                && c.peerBare.equals(call.peerBare) && c.local.asBareJID().equals(call.local.asBareJID())).toList();
    }

    /** Calls from our device to the same peer device that are still being set up (for the session tie-break). */
    List<Call> pendingOutgoing(JID local, JID peer) {
        return calls().stream().filter(c -> c.outgoing && c.local.equals(local) && peer.equals(c.peer)
                && c.state() == CallState.PENDING).toList();
    }

    void onLane(Call call, Consumer<Call> task) {
        call.lane.execute(() -> call.withContext(() -> flows.guarded(call, task)));
    }

    private List<Call> calls() {
        return List.copyOf(byCallId.values());
    }

    /**
     * A bare JID whose every online device we know (from caps in presence) cannot answer XEP-0353 (StanzaJS): the
     * call goes straight to one of those devices instead of a propose nobody answers.
     */
    private Optional<JID> deviceWithoutJmi(JID bare) {
        List<JID> known = capsNodes.keySet().stream().filter(j -> j.asBareJID().equals(bare)).sorted().toList();
        if (known.isEmpty() || known.stream().anyMatch(j -> quirks(j).speaksJmi())) {
            return Optional.empty();
        }
        return Optional.of(known.get(0));
    }

    PeerQuirks quirksOf(JID peer) {
        return quirks(peer);
    }

    private PeerQuirks quirks(JID peer) {
        return PeerQuirks.forCapsNode(Optional.ofNullable(capsNodes.get(peer)));
    }

    private Executor lane() {
        return MoreExecutors.newSequentialExecutor(pool);
    }

    private static String browserKey(Device device, String callId) {
        return device.jid() + "\u0000" + callId;
    }
}
