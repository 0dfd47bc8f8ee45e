package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.JingleMessages;
import org.jinglegateway.mapper.jingle.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Routes XMPP stanzas and presence to calls: Jingle sets and the replies to ours, XEP-0353 messages, peers going
 * offline. Runs on the XMPP reader's thread and only looks things up (by index, never by scanning every call); what
 * a call does runs on its lane.
 */
final class XmppRouter {
    private static final Logger log = LoggerFactory.getLogger(XmppRouter.class);

    private final CallContext context;
    private final PeerEvents events;
    private final PeerInitiates initiates;
    private final PeerReplies replies;
    private final Endings endings;
    /** How long a Jingle set waits for the session-initiate it belongs to, in a cluster ({@link EarlyIqs}). */
    static final java.time.Duration EARLY_WAIT = java.time.Duration.ofSeconds(2);
    private final EarlyIqs early = new EarlyIqs();

    XmppRouter(CallContext context, PeerEvents events, PeerInitiates initiates, PeerReplies replies,
               Endings endings) {
        this.context = context;
        this.events = events;
        this.initiates = initiates;
        this.replies = replies;
        this.endings = endings;
    }

    boolean onIq(IQ iq) {
        if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
            if (context.peers.featuresAnswered(iq)) {
                return true;
            }
            Optional<CallContext.PendingIq> pending = context.replied(iq);
            pending.ifPresent(p -> context.onLane(p.call(), c -> replies.reply(c, p.action(), iq)));
            return pending.isPresent();
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
            context.send(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(),
                    "a jingle element needs action and sid (XEP-0166 §7.1), and the IQ needs from and to"));
            return true;
        }
        Call call = context.calls.byKey(new CallKey(from, to, sid)).orElse(null);
        if (call != null && !call.isPeer(from)) {
            context.send(Stanzas.unknownSession(iq, "session " + sid + " is not with " + from));
            return true;
        }
        boolean proposedToUs = call != null && call.jmi && !call.outgoing
                && (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING);
        if ("session-initiate".equals(action) && (call == null || proposedToUs)) {
            Optional<Device> device = context.devices.find(to);
            if (device.isEmpty()) {
                context.send(Stanzas.error(iq, PacketError.Condition.service_unavailable, Optional.empty(),
                        to + " is not online"));
                return true;
            }
            if (call == null) {
                Optional<String> busy = refusal(from, device.get());
                if (busy.isPresent()) {
                    refuseInitiate(iq, sid, busy.get());
                    return true;
                }
                call = new Call(context.ids.next(12), device.get(), false, sid, from, Optional.of(from), false,
                        context.lane(), CallState.PENDING, context.peers.quirks(from), context.listener());
                context.calls.add(call);
                context.listener().started(false);
            }
            context.onLane(call, c -> initiates.initiate(c, iq));
            for (IQ early : this.early.take(new CallKey(from, to, sid))) {
                context.onLane(call, c -> events.jingle(c, early));
            }
            return true;
        }
        if (call == null) {
            CallKey key = new CallKey(from, to, sid);
            if (context.directory() != Directory.NONE && early.park(key, iq)) {
                // several instances: its session-initiate may still be on its way through another one
                context.calls.byKey(key).ifPresent(arrived -> early.take(key).forEach(e -> context.onLane(arrived,
                        c -> events.jingle(c, e))));
                context.after(EARLY_WAIT, () -> early.take(key).forEach(e -> context.send(Stanzas.unknownSession(e,
                        "no Jingle session " + sid + " between " + from + " and " + to))));
                return true;
            }
            context.send(Stanzas.unknownSession(iq, "no Jingle session " + sid + " between " + from + " and " + to));
            return true;
        }
        context.onLane(call, c -> events.jingle(c, iq));
        return true;
    }

    boolean onMessage(Message message, boolean shared) {
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
            onPropose(from, to, m, shared);
            return true;
        }
        List<Call> matching = context.calls.withSid(m.id()).stream().filter(call -> call.peerBare.equals(
                from.asBareJID()) && call.isPeer(from) && (to.getResource() == null
                ? call.local.asBareJID().equals(to.asBareJID()) : call.local.equals(to))).toList();
        if (matching.isEmpty()) {
            log.debug("jmi.unknown kind={} id={} from={}", m.kind().token(), m.id(), from);
        }
        for (Call call : matching) {
            context.onLane(call, c -> events.message(c, from, m));
        }
        return true;
    }

    /** Our propose came back as an error (e.g. no such user): the browser's call ends with the condition. */
    private void bounced(Message error, JingleMessage m) {
        if (m.kind() != JingleMessage.Kind.PROPOSE) {
            return;
        }
        String condition = error.getError() == null ? "undefined-condition" : error.getError().getCondition().toXMPP();
        for (Call call : context.calls.withSid(m.id())) {
            if (call.outgoing && call.local.equals(error.getTo())) {
                context.onLane(call, c -> endings.endQuietly(c, "failed-application", Optional.of("the XMPP server"
                        + " could not deliver the call to " + c.peerBare + ": " + condition)));
            }
        }
    }

    private void onPropose(JID from, JID to, JingleMessage propose, boolean shared) {
        if (to.getNode() == null) {
            log.debug("jmi.propose to the gateway itself from={}", from);
            return;
        }
        JID user = to.asBareJID();
        List<Device> targets = to.getResource() == null ? context.devices.of(to.getNode())
                : context.devices.find(to).map(List::of).orElse(List.of());
        // XEP-0353 §3.1 tie-break: crossing proposes between the same two users; the lower id goes on. Ours give
        // way only once the peer's propose is taken (a busy refusal must not end both calls)
        List<Call> losing = new ArrayList<>();
        for (Call mine : context.calls.withPeer(from)) {
            if (mine.outgoing && mine.jmi && mine.state() == CallState.PROPOSED
                    && mine.local.asBareJID().equals(user)) {
                if (mine.sid.compareTo(propose.id()) < 0) {
                    log.info("jmi.tie-break kept={} dropped={}", mine.sid, propose.id());
                    return;
                }
                losing.add(mine);
            }
        }
        if (targets.isEmpty() && shared) {
            log.debug("jmi.propose shared, no device here id={}", propose.id());
            return;
        }
        if (targets.isEmpty()) {
            reject(to, from, propose, "gone", to.getNode() + " has no browser online");
            return;
        }
        Optional<String> busy = refusedOffer(from);
        if (busy.isPresent()) {
            reject(to, from, propose, "busy", busy.get());
            return;
        }
        List<Device> free = new ArrayList<>();
        for (Device device : targets) {
            Optional<String> refused = atCapacity(device, losing);
            if (refused.isEmpty()) {
                free.add(device);
            } else {
                busy = refused;
            }
        }
        if (free.isEmpty()) {
            reject(to, from, propose, "busy", busy.orElseThrow());
            return;
        }
        targets = free;
        for (Call mine : losing) {
            context.onLane(mine, endings::lostTieBreak);
        }
        context.listener().started(false);
        for (Device device : targets) {
            Call call = new Call(context.ids.next(12), device, false, propose.id(), from, Optional.of(from), true,
                    context.lane(), CallState.PROPOSED, context.peers.quirks(from), context.listener());
            if (!context.calls.add(call)) {
                continue; // a repeated propose (e.g. from an archive): already ringing
            }
            context.onLane(call, c -> events.proposed(c, propose));
        }
    }

    /**
     * Why a new call from {@code from} to {@code device} is refused as busy, if it is: the gateway is stopping, the
     * caller offered more calls this minute than limits.initiates-per-minute, or the device has
     * limits.concurrent-calls calls already.
     */
    private Optional<String> refusal(JID from, Device device) {
        Optional<String> offer = refusedOffer(from);
        if (offer.isPresent()) {
            return offer;
        }
        return atCapacity(device, List.of());
    }

    /** Draining, or the caller is over limits.initiates-per-minute (one token per stanza). */
    private Optional<String> refusedOffer(JID from) {
        if (context.draining()) {
            return Optional.of("the gateway is shutting down and takes no new calls");
        }
        if (!context.budgets().offerCall(from.asBareJID())) {
            log.warn("call.rate-limited from={}", from.asBareJID());
            return Optional.of("you offered too many calls in the last minute; try again later");
        }
        return Optional.empty();
    }

    /** The device has limits.concurrent-calls calls, not counting {@code leaving} (crossing calls that give way). */
    private Optional<String> atCapacity(Device device, List<Call> leaving) {
        int calls = 0;
        for (Call c : context.calls.ofDevice(device.jid())) {
            calls += leaving.contains(c) ? 0 : 1;
        }
        if (calls >= context.budgets().concurrentCalls()) {
            return Optional.of(device.jid().getNode() + " has as many calls as the gateway allows");
        }
        return Optional.empty();
    }

    /** A session-initiate the gateway will not take: acknowledged, then ended with busy and the reason. */
    private void refuseInitiate(IQ iq, String sid, String text) {
        context.send(IQ.createResultIQ(iq));
        Jingle terminate = new Jingle(JingleAction.SESSION_TERMINATE, sid, Optional.empty(), Optional.empty(),
                List.of(), List.of(), Optional.of(new Reason("busy", Optional.of(text), List.of())), List.of());
        context.send(Stanzas.jingleSet(iq.getTo(), iq.getFrom(), context.ids.next(12), terminate));
    }

    private void reject(JID to, JID from, JingleMessage propose, String reason, String text) {
        context.send(Stanzas.jmi(to, from, context.ids.next(12), new JingleMessage(JingleMessage.Kind.REJECT,
                propose.id(), List.of(), Optional.of(new Reason(reason, Optional.of(text), List.of())),
                Optional.empty(), List.of())));
    }

    /** A peer device went offline: its calls end with {@code gone}. */
    void onPeerUnavailable(JID full) {
        context.peers.offline(full);
        for (Call call : context.calls.withPeer(full)) {
            if (call.peerKnown() && full.equals(call.peer())) {
                context.onLane(call, c -> endings.endQuietly(c, "gone", Optional.of(full + " went offline")));
            }
        }
    }
}
