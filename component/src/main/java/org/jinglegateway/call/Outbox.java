package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.Reason;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** What a call sends to its peer and its browser, in the shapes both sides expect. Runs on the call's lane. */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** What the reply to the transport-info carrying the browser's ICE restart is filed under. */
    static final String ICE_RESTART = "transport-info (ice restart)";

    private final CallContext context;

    Outbox(CallContext context) {
        this.context = context;
    }

    /** Sends a Jingle set; its reply reaches {@link PeerReplies} filed under its action. */
    void sendIq(Call call, Jingle jingle) {
        sendIq(call, jingle, jingle.action().token());
    }

    /** Sends a Jingle set; its reply reaches {@link PeerReplies} filed under {@code action}. */
    void sendIq(Call call, Jingle jingle, String action) {
        IQ iq = Stanzas.jingleSet(call.local, call.peer(), context.ids.next(12), jingle);
        context.sendIq(call, iq, action);
    }

    /** An XEP-0353 message from the call's device. */
    void jmi(Call call, JID to, JingleMessage message) {
        context.send(Stanzas.jmi(call.local, to, context.ids.next(12), message));
    }

    /** The session-initiate the call was placed with goes out (at once, or on proceed). */
    void sendInitiate(Call call) {
        Jingle placed = call.takePendingInitiate();
        Jingle initiate = placed;
        if (!call.quirks().dataChannels()) {
            // XEP-0343 is not in the peer's features: the browser's data m-line is answered with port 0
            initiate = SdpEdits.withoutDataChannels(placed);
            for (Content c : placed.contents()) {
                if (!initiate.contents().contains(c)) {
                    call.contents().withhold(c.name());
                    log.info("call.data-channel withheld content={} peer={}", c.name(), call.quirks().client());
                }
            }
        }
        initiate = SdpEdits.withoutForbiddenCandidates(initiate, call.quirks());
        call.pending();
        sendIq(call, initiate);
        call.initiateSent();
        log.info("call.initiated contents={}", initiate.contents().size());
    }

    /** The browser hears once that the far end rings. */
    void sendRinging(Call call) {
        if (call.firstRinging()) {
            call.device.send(Frames.call("ringing", call.callId));
        }
    }

    /** A browser transport-info to the peer, with the browser's current credentials. */
    void toPeer(Call call, Jingle info) {
        if (info.contents().stream().allMatch(c -> call.contents().withheld(c.name()))) {
            log.debug("candidate.dropped for a content the peer was not sent");
            return;
        }
        sendIq(call, SdpEdits.withCredentials(info, call.contents(), call.ice()));
    }

    /** The peer may receive transport-info now: the held ones go first. */
    void peerReady(Call call) {
        for (Jingle info : call.peerReady()) {
            toPeer(call, info);
        }
    }

    /** The browser has the remote description now: the held candidates follow it. */
    void browserReady(Call call) {
        for (CandidateInit c : call.browserReady()) {
            call.device.send(Frames.candidate(call.callId, c));
        }
    }

    /** XEP-0353 0.8: a finish follows every session-terminate of a session that began with a propose. */
    void finish(Call call, String reason) {
        if (call.jmi && call.peerKnown()) {
            jmi(call, call.peer(), withReason(call, JingleMessage.Kind.FINISH, reason, Optional.empty()));
        }
    }

    /** A session-terminate for a session under way, and the finish after it. */
    void terminate(Call call, String reason, Optional<String> text) {
        sendIq(call, new Jingle(JingleAction.SESSION_TERMINATE, call.sid, Optional.empty(), Optional.empty(),
                List.of(), List.of(), Optional.of(new Reason(reason, text, List.of())), List.of()));
        finish(call, reason);
    }

    /** The call's browser is told it ended. */
    static void hangup(Call call, String reason, Optional<String> text) {
        call.device.send(Frames.hangup(call.callId, reason, text));
    }

    /** The other devices' calls for the same proposal (a user's devices all ring; one accepts). */
    List<Call> siblings(Call call) {
        return context.calls.withSid(call.sid).stream().filter(c -> c != call && !c.outgoing
                && c.peerBare.equals(call.peerBare) && c.local.asBareJID().equals(call.local.asBareJID())).toList();
    }

    /** An XEP-0353 reject, retract or finish with a reason. */
    static JingleMessage withReason(Call call, JingleMessage.Kind kind, String reason, Optional<String> text) {
        return new JingleMessage(kind, call.sid, List.of(), Optional.of(new Reason(reason, text, List.of())),
                Optional.empty(), List.of());
    }
}
