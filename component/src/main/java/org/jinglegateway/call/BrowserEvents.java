package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.sdp.TypedSdp;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call does on each browser frame. Runs on the call's lane only; it decides, the {@link Call}'s transitions
 * change the call, and the mapper translates. ICE restarts are {@link IceRestarts}'.
 */
final class BrowserEvents {
    private static final Logger log = LoggerFactory.getLogger(BrowserEvents.class);

    private final CallContext context;
    private final Outbox out;
    private final Endings endings;
    private final IceRestarts restarts;

    BrowserEvents(CallContext context, Outbox out, Endings endings, IceRestarts restarts) {
        this.context = context;
        this.out = out;
        this.endings = endings;
        this.restarts = restarts;
    }

    void placeCall(Call call, String sdpText) {
        TypedSdp offer;
        Jingle initiate;
        try {
            offer = parseSdp(sdpText);
            initiate = fromBrowser(() -> SdpToJingle.translate(offer, new SdpToJingle.Request(
                    JingleAction.SESSION_INITIATE, call.sid, Role.INITIATOR, Optional.of(call.local.toString()),
                    Optional.empty())).value());
            if ((call.jmi || !call.quirks().dataChannels())
                    && SdpEdits.withoutDataChannels(initiate).contents().isEmpty()) {
                throw new CallException(ErrorCode.NOT_SUPPORTED, call.jmi ? "a call to a bare JID begins with an"
                        + " XEP-0353 propose, which lists audio and video only: a data channel alone cannot be proposed"
                        : call.peer() + " does not list XEP-0343 (data channels) and the offer has nothing else");
            }
        } catch (CallException e) {
            endings.forget(call, "failed-application");
            throw e;
        }
        call.placed(offer.sdp(), initiate);
        context.schedule(call, context.ringTimeout(), endings::timeout);
        if (call.jmi) {
            // the session-initiate after proceed carries these contents (plus the data channel only for a device
            // of a gateway, which takes XEP-0343 and does not compare): Conversations ends a call whose
            // session-initiate holds other media than its propose (docs/calls.md)
            List<String> media = SdpEdits.withoutDataChannels(initiate).contents().stream()
                    .map(c -> c.description().orElseThrow().media()).toList();
            out.jmi(call, call.peerBare, new JingleMessage(JingleMessage.Kind.PROPOSE, call.sid, media,
                    Optional.empty(), Optional.empty(), List.of()));
            log.info("call.proposed media={}", media);
        } else {
            out.sendInitiate(call);
        }
    }

    void accept(Call call) {
        if (call.outgoing || !call.jmi || call.accepted() || call.state() != CallState.RINGING) {
            throw new CallException(ErrorCode.BAD_STATE, "accept answers a ring; this call is " + call.describe());
        }
        call.accept();
        out.jmi(call, call.peer(), JingleMessage.of(JingleMessage.Kind.PROCEED, call.sid));
        log.info("call.accepted");
        for (Call other : out.siblings(call)) {
            context.onLane(other, c -> endings.endQuietly(c, "cancel", Optional.of("answered on another device")));
        }
        context.directory().siblingsEnded(call.local.asBareJID(), call.sid, call.peerBare, "cancel",
                "answered on another device");
        // the peer now owes us a session-initiate
        context.schedule(call, context.ringTimeout(), endings::timeout);
    }

    void answer(Call call, String sdpText) {
        if (call.iceRestart() == IceRestartState.PEER_OFFERED) {
            restarts.browserAnswered(call, parseSdp(sdpText).sdp());
            return;
        }
        if (call.outgoing || call.state() != CallState.PENDING) {
            throw new CallException(ErrorCode.BAD_STATE, "answer answers an offer; this call is " + call.describe());
        }
        TypedSdp answer = parseSdp(sdpText);
        Jingle accept = fromBrowser(() -> SdpToJingle.translate(answer, new SdpToJingle.Request(
                JingleAction.SESSION_ACCEPT, call.sid, Role.RESPONDER, Optional.empty(),
                Optional.of(call.local.toString()))).value());
        accept = SdpEdits.withoutForbiddenCandidates(SdpEdits.rename(accept, call.contents().toContent()),
                call.quirks());
        call.ice().learnBrowser(answer.sdp());
        call.settleRemoteRole(SdpEdits.complement(SdpEdits.setupOf(answer.sdp())));
        out.sendIq(call, accept);
        call.cancelTimer();
        call.move(CallState.ACTIVE);
        log.info("call.active");
        out.peerReady(call);
        out.browserReady(call);
    }

    void offer(Call call, String sdpText) {
        if (call.state() != CallState.ACTIVE) {
            throw new CallException(ErrorCode.BAD_STATE, "a renegotiation offer needs an active call; this call is "
                    + call.describe());
        }
        if (call.iceRestart() != IceRestartState.NONE) {
            throw new CallException(ErrorCode.GLARE, "an ICE restart is already in progress on this call; finish it"
                    + " first");
        }
        restarts.browserOffered(call, parseSdp(sdpText).sdp());
    }

    void candidate(Call call, CandidateInit init) {
        if (init.endOfCandidates()) {
            // XEP-0176 has no end-of-candidates: nothing is sent (docs/mapping.md)
            log.debug("candidate.end-of-candidates not sent: XEP-0176 cannot carry it");
            return;
        }
        // translated (and so checked) once, when it arrives; held back as the transport-info it became
        Jingle info = SdpEdits.withoutForbiddenCandidates(candidateInfo(call, call.contents().towardsPeer(init)),
                call.quirks());
        if (info.contents().stream().allMatch(k -> k.transport().map(t -> t.candidates().isEmpty()).orElse(true))) {
            log.debug("candidate.dropped tcp to {}", call.quirks().client());
            return;
        }
        if (!call.holdForPeer(info)) {
            out.toPeer(call, info);
        }
    }

    void hangup(Call call, String reason, Optional<String> text) {
        if (call.ended()) {
            return;
        }
        switch (call.state()) {
            case PROPOSED, RINGING -> endings.withdrawProposal(call, reason, text);
            case PENDING, ACTIVE -> out.terminate(call, reason, text);
            default -> {
            }
        }
        endings.end(call, reason);
    }

    /** The browser's candidate (already named by our content) as a one-candidate transport-info. */
    private Jingle candidateInfo(Call call, CandidateInit c) {
        String content = c.sdpMid().orElseThrow();
        try {
            return CandidateTranslator.toTransportInfo(c, call.sid, call.contents().creatorOf(content),
                    context.ids.next(10)).orElseThrow().value();
        } catch (MapperException e) {
            context.listener().mappingError(e.kind().name());
            throw new CallException(ErrorCode.BAD_CANDIDATE, e.getMessage());
        }
    }

    private TypedSdp parseSdp(String text) {
        return FromBrowser.sdp(context, text);
    }

    private <T> T fromBrowser(Supplier<T> work) {
        return FromBrowser.translate(context, work);
    }
}
