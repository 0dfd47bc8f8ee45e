package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.RtpInfo;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * A peer's session-initiate (XEP-0166 §6.2): read, tie-broken against a crossing call of ours (§7.2.10), admitted
 * or refused ({@link Admission}), translated and offered to the browser. Runs on the call's lane only.
 */
final class PeerInitiates {
    private static final Logger log = LoggerFactory.getLogger(PeerInitiates.class);

    private final CallContext context;
    private final Outbox out;
    private final Endings endings;

    PeerInitiates(CallContext context, Outbox out, Endings endings) {
        this.context = context;
        this.out = out;
        this.endings = endings;
    }

    void initiate(Call call, IQ iq) {
        if (call.ended()) {
            context.send(Stanzas.unknownSession(iq, "session " + call.sid + " has ended"));
            return;
        }
        Jingle initiate;
        try {
            initiate = JingleReader.read(iq.getChildElement());
        } catch (MapperException e) {
            context.badRequest(iq, e);
            endings.failBeforeOffer(call, "failed-application", "the caller's session-initiate was malformed");
            return;
        }
        if (lostTieBreak(call, iq)) {
            return;
        }
        Optional<Admission.Refusal> refusal = Admission.check(initiate);
        if (refusal.isPresent()) {
            context.send(IQ.createResultIQ(iq));
            Admission.Refusal r = refusal.get();
            log.info("call.refused reason={} text={}", r.reason(), r.text());
            out.terminate(call, r.reason(), Optional.of(r.text()));
            endings.failBeforeOffer(call, r.reason(), r.text());
            return;
        }
        SessionDescription offer;
        try {
            offer = JingleToSdp.translate(initiate, Role.INITIATOR).value();
        } catch (MapperException e) {
            context.badRequest(iq, e);
            endings.failBeforeOffer(call, "failed-application", "the caller's offer could not be translated: "
                    + e.getMessage());
            return;
        }
        context.send(IQ.createResultIQ(iq));
        call.contents().learn(initiate, offer);
        call.ice().learnPeer(initiate);
        String offerText = call.gaveBrowser(offer);
        call.pending();
        call.device.send(Frames.sdp("offer", call.callId, Optional.of(call.peer().toString()),
                offerText));
        log.info("call.offered contents={}", initiate.contents().size());
        if (!call.jmi) {
            // XEP-0167 §7: the responder's device is ringing
            out.sendIq(call, new Jingle(JingleAction.SESSION_INFO, call.sid, Optional.empty(), Optional.empty(),
                    List.of(), List.of(), Optional.empty(), List.of(RtpInfo.of(RtpInfo.Kind.RINGING).toRaw())));
        }
        context.schedule(call, context.ringTimeout(), endings::timeout);
    }

    /**
     * XEP-0166 §7.2.10 tie-break: both sides initiated at once and the lower sid goes on. True when ours won and the
     * peer's initiate has been refused; calls of ours that lose end.
     */
    private boolean lostTieBreak(Call call, IQ iq) {
        for (Call mine : context.calls.withPeer(iq.getFrom())) {
            if (!mine.outgoing || !mine.local.equals(call.local) || !mine.peerKnown()
                    || !iq.getFrom().equals(mine.peer()) || mine.state() != CallState.PENDING) {
                continue;
            }
            if (mine.sid.compareTo(call.sid) < 0) {
                context.send(Stanzas.error(iq, PacketError.Condition.conflict, Optional.of("tie-break"),
                        "a session-initiate of ours (sid " + mine.sid + ") crossed yours and wins the tie-break"));
                endings.failBeforeOffer(call, "alternative-session", "a call of ours to " + iq.getFrom()
                        + " crossed this one and won the tie-break");
                return true;
            }
            context.onLane(mine, endings::lostTieBreak);
        }
        return false;
    }
}
