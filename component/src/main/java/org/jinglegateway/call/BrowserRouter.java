package org.jinglegateway.call;

import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Routes a registered device's decoded call frames to its calls (docs/protocol.md). Runs on the socket's thread and
 * only looks things up and checks; what a call does runs on its lane ({@link BrowserEvents}).
 */
final class BrowserRouter {
    private final CallContext context;
    private final BrowserEvents events;

    BrowserRouter(CallContext context, BrowserEvents events) {
        this.context = context;
        this.events = events;
    }

    void onFrame(Device device, BrowserFrame.ForCall frame) {
        if (frame instanceof BrowserFrame.PlaceCall place) {
            placeCall(device, place);
            return;
        }
        Optional<Call> found = context.calls.byCallId(device, frame.callId());
        if (found.isEmpty()) {
            unknownCall(device, frame.callId());
            return;
        }
        Call call = found.get();
        // Java 17 has no pattern switch: one instanceof per type of the sealed interface
        if (frame instanceof BrowserFrame.Accept) {
            context.onLane(call, events::accept);
        } else if (frame instanceof BrowserFrame.Reject) {
            context.onLane(call, c -> events.hangup(c, "decline", Optional.empty()));
        } else if (frame instanceof BrowserFrame.Answer a) {
            context.onLane(call, c -> events.answer(c, a.sdp()));
        } else if (frame instanceof BrowserFrame.Offer o) {
            context.onLane(call, c -> events.offer(c, o.sdp()));
        } else if (frame instanceof BrowserFrame.Candidate k) {
            context.onLane(call, c -> events.candidate(c, k.candidate()));
        } else if (frame instanceof BrowserFrame.Hangup h) {
            context.onLane(call, c -> events.hangup(c, h.reason(), h.text()));
        }
    }

    /** A refused call frame: its error goes out once the checks that precede it have passed. */
    void refuse(Device device, FrameRefusal refusal) {
        Optional<String> callId = refusal.callId();
        switch (refusal.precedence()) {
            case AFTER_DUPLICATE_CHECK -> {
                if (callId.isPresent() && context.calls.hasCallId(device, callId.get())) {
                    duplicateCall(device, callId.get());
                    return;
                }
            }
            case AFTER_CALL_LOOKUP -> {
                Optional<Call> call = callId.flatMap(id -> context.calls.byCallId(device, id));
                if (call.isEmpty()) {
                    unknownCall(device, callId.orElse(""));
                } else {
                    context.onLane(call.get(), c -> {
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

    private void placeCall(Device device, BrowserFrame.PlaceCall frame) {
        String callId = frame.callId();
        if (context.calls.hasCallId(device, callId)) {
            duplicateCall(device, callId);
            return;
        }
        if (context.draining()) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.SHUTTING_DOWN, "the gateway is shutting down"
                    + " and takes no new calls; place it again in a moment"));
            return;
        }
        int max = context.budgets().concurrentCalls();
        if (context.calls.ofDevice(device.jid()).size() >= max) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.TOO_MANY_CALLS, "this device already has " + max
                    + " calls, as many as limits.concurrent-calls allows; end one first"));
            return;
        }
        JID peer = frame.to();
        if (peer.getNode() == null && peer.getDomain().equals(context.domain)) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.BAD_JID, "\"to\" must name a user, not the"
                    + " gateway"));
            return;
        }
        if (peer.asBareJID().equals(device.jid().asBareJID())) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.BAD_JID, "a device cannot call its own user"));
            return;
        }
        // keyed by user, not device: a new socket (a new resource) must not start with a full budget
        if (!context.budgets().placeCall(device.jid().asBareJID())) {
            device.send(Frames.error(Optional.of(callId), ErrorCode.RATE_LIMITED, "too many calls placed in the"
                    + " last minute (limits.calls-per-minute); wait a moment"));
            return;
        }
        if (peer.getResource() == null) {
            peer = context.peers.deviceWithoutJmi(peer).orElse(peer);
        }
        boolean full = peer.getResource() != null;
        Call call = new Call(callId, device, true, context.ids.next(16), peer, full ? Optional.of(peer)
                : Optional.empty(), !full, context.lane(), full ? CallState.PENDING : CallState.PROPOSED,
                context.peers.quirks(peer), context.listener());
        context.calls.add(call);
        context.listener().started(true);
        context.onLane(call, c -> events.placeCall(c, frame.sdp()));
    }

    /** A device's socket closed: its calls end with {@code gone} (docs/protocol.md). */
    void deviceGone(Device device, String text) {
        for (Call call : context.calls.ofDevice(device.jid())) {
            if (call.device == device) {
                context.onLane(call, c -> events.hangup(c, "gone", Optional.of(text)));
            }
        }
    }

    private static void unknownCall(Device device, String callId) {
        device.send(Frames.error(Optional.of(callId), ErrorCode.UNKNOWN_CALL, "there is no call \"" + callId
                + "\" on this connection"));
    }

    private static void duplicateCall(Device device, String callId) {
        device.send(Frames.error(Optional.of(callId), ErrorCode.DUPLICATE_CALL, "a call \"" + callId
                + "\" is already in progress on this connection"));
    }
}
