package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.xmpp.UnsendableStanzaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How calls end, whoever ends them: both sides told with the XEP-0166 reason, the metrics counted once, nothing
 * left in memory. Also the guard every lane task runs in, so that a refusal or a failure touches only its call.
 */
final class Endings {
    private static final Logger log = LoggerFactory.getLogger(Endings.class);

    private final CallContext context;
    private final Outbox out;

    Endings(CallContext context, Outbox out) {
        this.context = context;
        this.out = out;
    }

    /**
     * A stanza of this call would have made the server close the shared link (too large, or a character XML 1.0
     * forbids): it was never written (docs/operations.md §8). The browser gets an error that says so and the call ends;
     * the peer gets a plain session-terminate, which holds nothing of the browser's.
     */
    private void unsendable(Call call, UnsendableStanzaException e) {
        log.warn("call.unsendable problem={} stanza={}", e.problem(), e.kind());
        boolean large = e.problem() == UnsendableStanzaException.Problem.TOO_LARGE;
        call.device.send(Frames.error(Optional.of(call.callId), large ? ErrorCode.TOO_LARGE : ErrorCode.BAD_SDP,
                large ? "the " + e.kind() + " this needs would be larger than the XMPP server takes"
                        + " (xmpp.max-outgoing-bytes); send fewer candidates or media sections"
                        : "what the browser sent holds a character XML 1.0 forbids, so it cannot go into a stanza"));
        if (call.ended()) {
            return;
        }
        Optional<String> text = Optional.of("the gateway could not send a stanza of this call");
        if (!call.peerKnowsSession()) {
            // the session-initiate itself stayed here: no session-terminate for a session the peer never saw; a
            // peer that proceeded on a propose hears the XEP-0353 finish
            out.finish(call, "failed-application");
            end(call, "failed-application");
            Outbox.hangup(call, "failed-application", text);
            return;
        }
        try {
            terminateBoth(call, "failed-application", text);
        } catch (UnsendableStanzaException again) {
            log.warn("call.unsendable terminate too: {}", again.problem());
            end(call, "failed-application");
        }
    }

    /** Runs one event: a refused browser request becomes an error frame; a bug ends only this call. */
    void guarded(Call call, Consumer<Call> task) {
        try {
            task.accept(call);
        } catch (CallException e) {
            log.info("call.refused code={} problem={}", e.code(), e.getMessage());
            call.device.send(Frames.error(Optional.of(call.callId), e.code(), e.getMessage()));
        } catch (UnsendableStanzaException e) {
            unsendable(call, e);
        } catch (MapperException e) {
            // something a peer sent that could not be carried across after all (STYLE §7: WARN, not our bug)
            context.listener().mappingError(e.kind().name());
            log.warn("call.failed mapping={} problem={}", e.kind(), e.getMessage());
            if (!call.ended()) {
                terminateBoth(call, "failed-application", Optional.of("the gateway could not translate: "
                        + e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.error("call.failed in {}", call, e);
            if (!call.ended()) {
                terminateBoth(call, "general-error", Optional.of("the gateway failed to handle the call"));
            }
        }
    }

    /** The call is over: moved to ENDED, counted, forgotten. */
    void end(Call call, String reason) {
        call.move(CallState.ENDED);
        context.listener().ended(reason);
        context.forget(call);
        log.info("call.ended reason={}", reason);
    }

    /** Drops a call the browser never heard of (or has already been told about); counted as ended all the same. */
    void forget(Call call, String reason) {
        if (!call.ended()) {
            call.move(CallState.ENDED);
            context.listener().ended(reason);
        }
        context.forget(call);
    }

    /** Ends a call on both sides: session-terminate (or nothing, before a session) and a hangup frame. */
    void terminateBoth(Call call, String reason, Optional<String> text) {
        if (call.state() == CallState.PENDING || call.state() == CallState.ACTIVE) {
            out.terminate(call, reason, text);
        }
        Outbox.hangup(call, reason, text);
        end(call, reason);
    }

    /** The far side ended the call, or can no longer be reached: the browser is told. */
    void endQuietly(Call call, String reason, Optional<String> text) {
        if (!call.ended()) {
            Outbox.hangup(call, reason, text);
            end(call, reason);
        }
    }

    /** An incoming call that failed before the browser got its offer: a JMI call's browser is told. */
    void failBeforeOffer(Call call, String reason, String text) {
        if (call.jmi) {
            Outbox.hangup(call, reason, Optional.of(text));
            end(call, reason);
        } else {
            forget(call, reason);
        }
    }

    /**
     * A proposal (XEP-0353) ends before a session: ours is retracted, theirs rejected (not when the browser only went
     * away while another device of the user still rings), and the user's other ringing devices stop.
     */
    void withdrawProposal(Call call, String reason, Optional<String> text) {
        List<Call> siblings = out.siblings(call);
        if (call.outgoing) {
            out.jmi(call, call.peerBare, Outbox.withReason(call, JingleMessage.Kind.RETRACT,
                    "success".equals(reason) ? "cancel" : reason, text));
        } else if (!"gone".equals(reason) || siblings.isEmpty()) {
            out.jmi(call, call.peer(), Outbox.withReason(call, JingleMessage.Kind.REJECT,
                    "success".equals(reason) ? "decline" : reason, text));
            for (Call other : siblings) {
                context.onLane(other, c -> endQuietly(c, "cancel", Optional.of("declined on another device")));
            }
            context.directory().siblingsEnded(call.local.asBareJID(), call.sid, call.peerBare, "cancel",
                    "declined on another device");
        }
    }

    /** Ends a call on an administrator's word: both sides are told, with the reason and who ended it. */
    void endByAdmin(Call call, String reason) {
        if (!call.ended()) {
            log.info("call.ended-by-admin reason={}", reason);
            endOnBothSides(call, reason, Optional.of("ended by an administrator"));
        }
    }

    /** Ends a call on both sides whatever its state: proposal withdrawn, or session terminated; hangup frame. */
    void endOnBothSides(Call call, String reason, Optional<String> text) {
        if (call.ended()) {
            return;
        }
        if (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING) {
            withdrawProposal(call, reason, text);
            end(call, reason);
            Outbox.hangup(call, reason, text);
            return;
        }
        terminateBoth(call, reason, text);
    }

    /** Our side lost a tie-break (crossing proposes or crossing session-initiates): the peer's call goes on. */
    void lostTieBreak(Call call) {
        if (call.ended()) {
            return;
        }
        if (call.jmi && !call.peerKnown()) {
            out.jmi(call, call.peerBare, Outbox.withReason(call, JingleMessage.Kind.RETRACT, "alternative-session",
                    Optional.of("crossing calls: the other one goes on")));
        }
        Outbox.hangup(call, "alternative-session", Optional.of("the other side called at the same moment; that call"
                + " goes on"));
        end(call, "alternative-session");
    }

    /** Nobody answered within the ring timeout. */
    void timeout(Call call) {
        if (call.ended() || call.state() == CallState.ACTIVE) {
            return;
        }
        Optional<String> text = Optional.of("nobody answered within " + context.ringTimeout().toSeconds() + " s");
        if (call.state() == CallState.PENDING) {
            out.terminate(call, "timeout", text);
        } else if (call.outgoing) {
            out.jmi(call, call.peerBare, Outbox.withReason(call, JingleMessage.Kind.RETRACT, "timeout", text));
        } else {
            out.jmi(call, call.peer(), Outbox.withReason(call, JingleMessage.Kind.REJECT, "timeout", text));
        }
        Outbox.hangup(call, "timeout", text);
        end(call, "timeout");
    }
}
