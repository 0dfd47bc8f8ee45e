package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.Reason;
import org.jinglegateway.mapper.jingle.RtpInfo;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.AnswerAlignment;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.IceRestart;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * What a call does on each XMPP event: XEP-0353 messages, Jingle actions from the peer, and the answers to the
 * requests we sent. Runs on the call's lane only; shared steps (sending, ending, holding back) are {@link CallFlows}'.
 */
final class PeerFlows {
    private static final Logger log = LoggerFactory.getLogger(PeerFlows.class);

    private final CallService service;
    private final CallFlows flows;

    PeerFlows(CallService service, CallFlows flows) {
        this.service = service;
        this.flows = flows;
    }

    // ---- events --------------------------------------------------------------------------------------------

    void peerProposed(Call call, JingleMessage propose) {
        call.move(CallState.RINGING);
        call.device.send(Frames.ring(call.callId, call.peer.toString(), propose.media()));
        service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                JingleMessage.of(JingleMessage.Kind.RINGING, call.sid)));
        service.schedule(call, service.ringTimeout(), flows::timeout);
        log.info("call.ringing media={}", propose.media());
    }

    void peerMessage(Call call, JID from, JingleMessage m) {
        if (call.ended()) {
            return;
        }
        switch (m.kind()) {
            case RINGING -> {
                if (call.outgoing && call.state() == CallState.PROPOSED) {
                    call.move(CallState.RINGING);
                    flows.sendRinging(call);
                }
            }
            case PROCEED -> {
                if (call.outgoing && call.jmi && call.peer == null) {
                    call.peer = from;
                    call.quirks = service.quirksOf(from);
                    log.info("call.proceeded by={}", from);
                    flows.sendInitiate(call);
                } else {
                    log.debug("jmi.proceed ignored from={} state={}", from, call.state());
                }
            }
            case REJECT -> {
                if (call.outgoing && call.peer == null) {
                    String reason = Reasons.of(m.reason(), "decline");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    flows.end(call, reason);
                }
            }
            case RETRACT -> {
                if (!call.outgoing && (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING)) {
                    String reason = Reasons.of(m.reason(), "cancel");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    flows.end(call, reason);
                }
            }
            case FINISH -> {
                if (call.state() == CallState.ACTIVE || call.state() == CallState.PENDING) {
                    // a finish without a session-terminate: the session is over all the same
                    String reason = Reasons.of(m.reason(), "success");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    flows.end(call, reason);
                }
            }
            default -> log.debug("jmi.{} ignored", m.kind().token());
        }
    }

    void peerInitiate(Call call, IQ iq) {
        if (call.ended()) {
            service.sendXmpp(Stanzas.unknownSession(iq, "session " + call.sid + " has ended"));
            return;
        }
        Jingle initiate;
        SessionDescription offer;
        try {
            initiate = JingleReader.read(iq.getChildElement());
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            flows.failBeforeOffer(call, "failed-application", "the caller's session-initiate was malformed");
            return;
        }
        for (Call mine : service.pendingOutgoing(call.local, iq.getFrom())) {
            // XEP-0166 §7.2.10 tie-break: both sides initiated at once; the lower sid goes on
            if (mine.sid.compareTo(call.sid) < 0) {
                service.sendXmpp(Stanzas.error(iq, PacketError.Condition.conflict, Optional.of("tie-break"),
                        "a session-initiate of ours (sid " + mine.sid + ") crossed yours and wins the tie-break"));
                flows.failBeforeOffer(call, "alternative-session", "a call of ours to " + iq.getFrom()
                        + " crossed this one and won the tie-break");
                return;
            }
            service.onLane(mine, flows::lostTieBreak);
        }
        Optional<Admission.Refusal> refusal = Admission.check(initiate);
        if (refusal.isPresent()) {
            service.sendXmpp(IQ.createResultIQ(iq));
            Admission.Refusal r = refusal.get();
            log.info("call.refused reason={} text={}", r.reason(), r.text());
            flows.sendIq(call, call.terminate(r.reason(), Optional.of(r.text())));
            flows.finish(call, r.reason());
            flows.failBeforeOffer(call, r.reason(), r.text());
            return;
        }
        try {
            offer = JingleToSdp.translate(initiate, Role.INITIATOR).value();
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            flows.failBeforeOffer(call, "failed-application", "the caller's offer could not be translated: "
                    + e.getMessage());
            return;
        }
        service.sendXmpp(IQ.createResultIQ(iq));
        call.learnContents(initiate, offer);
        call.learnPeerUfrags(initiate);
        call.remoteSdp = offer;
        call.remoteWasOffer = true;
        if (call.state() != CallState.PENDING) {
            call.move(CallState.PENDING);
        }
        call.device.send(Frames.sdp("offer", call.callId, Optional.of(call.peer.toString()), SdpWriter.write(offer)));
        log.info("call.offered contents={}", initiate.contents().size());
        if (!call.jmi) {
            // XEP-0167 §7: the responder's device is ringing
            flows.sendIq(call, new Jingle(JingleAction.SESSION_INFO, call.sid, Optional.empty(), Optional.empty(),
                    List.of(),
                    List.of(), Optional.empty(), List.of(RtpInfo.of(RtpInfo.Kind.RINGING).toRaw())));
        }
        service.schedule(call, service.ringTimeout(), flows::timeout);
    }

    void peerJingle(Call call, IQ iq) {
        if (call.ended()) {
            service.sendXmpp(Stanzas.unknownSession(iq, "session " + call.sid + " has ended"));
            return;
        }
        Jingle jingle;
        try {
            jingle = JingleReader.read(iq.getChildElement());
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            return;
        }
        switch (jingle.action()) {
            case SESSION_ACCEPT -> peerAccept(call, iq, jingle);
            case TRANSPORT_INFO -> peerTransportInfo(call, iq, jingle);
            case SESSION_INFO -> peerSessionInfo(call, iq, jingle);
            case SESSION_TERMINATE -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                String reason = Reasons.of(jingle.reason(), "success");
                call.device.send(Frames.hangup(call.callId, reason, jingle.reason().flatMap(Reason::text)));
                flows.finish(call, reason);
                flows.end(call, reason);
            }
            case SESSION_INITIATE -> service.sendXmpp(Stanzas.outOfOrder(iq, "session " + call.sid
                    + " was already initiated"));
            case CONTENT_ADD -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                flows.sendIq(call, new Jingle(JingleAction.CONTENT_REJECT, call.sid, Optional.empty(), Optional.empty(),
                        jingle.contents(), List.of(), Optional.of(new Reason("failed-application",
                        Optional.of("the gateway does not add media to a running call yet"), List.of())), List.of()));
            }
            case TRANSPORT_REPLACE -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                flows.sendIq(call, new Jingle(JingleAction.TRANSPORT_REJECT, call.sid, Optional.empty(),
                        Optional.empty(),
                        jingle.contents(), List.of(), Optional.empty(), List.of()));
            }
            default -> service.sendXmpp(Stanzas.error(iq, PacketError.Condition.feature_not_implemented,
                    Optional.empty(), jingle.action().token() + " is not supported by the gateway"));
        }
    }

    private void peerAccept(Call call, IQ iq, Jingle accept) {
        if (!call.outgoing || call.state() != CallState.PENDING) {
            service.sendXmpp(Stanzas.outOfOrder(iq, "session-accept does not fit a call that is "
                    + CallFlows.describe(call)));
            return;
        }
        SessionDescription answer;
        try {
            answer = JingleToSdp.translate(accept, Role.RESPONDER).value();
            if (call.browserOffer != null) {
                // a session-accept leaves out what the peer does not take; a browser needs every m-line answered
                answer = AnswerAlignment.toOffer(answer, call.browserOffer).value();
            }
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            flows.terminateBoth(call, "failed-application", Optional.of("the answer could not be translated: "
                    + e.getMessage()));
            return;
        }
        service.sendXmpp(IQ.createResultIQ(iq));
        call.learnPeerUfrags(accept);
        call.remoteSdp = answer;
        call.remoteWasOffer = false;
        call.remoteRole = CallFlows.setupOf(answer);
        call.cancelTimer();
        call.move(CallState.ACTIVE);
        call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), SdpWriter.write(answer)));
        log.info("call.active");
        call.browserReady = true;
        flows.flushToBrowser(call);
        call.peerReady = true;
        flows.flushToPeer(call);
    }

    private void peerTransportInfo(Call call, IQ iq, Jingle info) {
        boolean restart = call.state() == CallState.ACTIVE && IceRestart.isRestart(info, call.peerUfrag);
        boolean glare = restart && call.browserRestart && !call.browserRestartSeen;
        if (glare && call.outgoing) {
            // restart glare, Conversations' rule: the initiator's restart wins; the peer answers ours
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.conflict, Optional.of("tie-break"),
                    "an ICE restart of the initiator's is in progress and wins the tie-break"));
            log.info("call.ice-restart.glare won");
            return;
        }
        service.sendXmpp(IQ.createResultIQ(iq));
        if (restart) {
            peerRestart(call, info);
            return;
        }
        List<Content> fresh = new ArrayList<>();
        for (Content c : info.contents()) {
            Optional<String> ufrag = c.transport().flatMap(IceUdpTransport::ufrag);
            String current = call.peerUfrag.get(c.name());
            if (ufrag.isPresent() && current != null && !current.equals(ufrag.get())) {
                log.debug("candidate.dropped content={} of an old ICE generation", c.name());
                continue;
            }
            if (!call.contentToMid.containsKey(c.name())) {
                log.warn("candidate.dropped: no content \"{}\" in this session", c.name());
                continue;
            }
            ufrag.ifPresent(u -> call.peerUfrag.putIfAbsent(c.name(), u));
            fresh.add(c);
        }
        Jingle kept = new Jingle(info.action(), info.sid(), info.initiator(), info.responder(), fresh, List.of(),
                Optional.empty(), List.of());
        for (CandidateInit c : CandidateTranslator.fromTransportInfo(kept, call.contentIndex)) {
            CandidateInit toBrowser = call.towardsBrowser(c);
            if (call.browserReady) {
                call.device.send(Frames.candidate(call.callId, toBrowser));
            } else {
                call.toBrowser.add(toBrowser);
            }
        }
    }

    private void peerSessionInfo(Call call, IQ iq, Jingle info) {
        List<RtpInfo> payloads;
        try {
            payloads = RtpInfo.of(info);
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            return;
        }
        if (payloads.isEmpty() && !info.extra().isEmpty()) {
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.feature_not_implemented,
                    Optional.of("unsupported-info"), "only XEP-0167 session-info payloads are understood"));
            return;
        }
        service.sendXmpp(IQ.createResultIQ(iq));
        for (RtpInfo p : payloads) {
            if (p.kind() == RtpInfo.Kind.RINGING) {
                if (call.outgoing) {
                    flows.sendRinging(call);
                }
            } else {
                var frame = Frames.call("info", call.callId).put("info", p.kind().token());
                p.name().ifPresent(n -> frame.put("name", call.contentToMid.getOrDefault(n, n)));
                call.device.send(frame);
            }
        }
    }

    private void peerRestart(Call call, Jingle restart) {
        call.learnPeerUfrags(restart);
        Jingle byMid = CallFlows.rename(restart, call.contentToMid);
        if (call.browserRestart) {
            // the answer to the browser's restart: the peer's new credentials (Conversations' convention)
            call.browserRestart = false;
            SessionDescription answer = flows.restartDescription(call, byMid, false);
            call.remoteSdp = answer;
            call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), SdpWriter.write(answer)));
            log.info("call.ice-restart.answered by=peer");
            return;
        }
        call.peerRestart = true;
        SessionDescription offer = flows.restartDescription(call, byMid, true);
        call.remoteSdp = offer;
        call.device.send(Frames.sdp("offer", call.callId, Optional.of(String.valueOf(call.peer)),
                SdpWriter.write(offer)));
        log.info("call.ice-restart.offered by=peer");
    }

    void peerResponse(Call call, String action, IQ response) {
        if (call.ended()) {
            return;
        }
        if (response.getType() == IQ.Type.result) {
            if (CallFlows.ICE_RESTART.equals(action) && call.browserRestart) {
                // the peer has the browser's restart: a restart-shaped transport-info from it now is the answer
                call.browserRestartSeen = true;
            }
            if ("session-initiate".equals(action)) {
                call.peerReady = true;
                flows.flushToPeer(call);
            }
            return;
        }
        String condition = Stanzas.condition(response);
        switch (action) {
            case "session-initiate" -> {
                if (isTieBreak(response)) {
                    flows.lostTieBreak(call);
                } else {
                    call.device.send(Frames.hangup(call.callId, "failed-application",
                            Optional.of(call.peer + " refused the call: " + condition)));
                    flows.end(call, "failed-application");
                }
            }
            case "session-accept" -> flows.terminateBoth(call, "failed-application",
                    Optional.of(call.peer + " refused the answer: " + condition));
            case CallFlows.ICE_RESTART -> {
                Jingle ours = call.browserRestartInfo;
                if (isTieBreak(response) && ours != null) {
                    // restart glare, Conversations' rule: the peer's restart won and was taken as the answer to
                    // ours; our new credentials now go back as the answer to theirs
                    call.browserRestartInfo = null;
                    flows.sendIq(call, ours);
                    log.info("call.ice-restart.glare lost; our credentials sent as the answer");
                } else {
                    log.warn("xmpp.ice-restart refused by peer: {}", condition);
                }
            }
            default -> log.warn("xmpp.{} refused by peer: {}", action, condition);
        }
    }

    private static boolean isTieBreak(IQ response) {
        return response.getError() != null && "tie-break".equals(response.getError().getApplicationConditionName());
    }

    /** The peer left (offline, or our XMPP connection dropped): tell the browser and forget the call. */
    void peerGone(Call call, String reason, Optional<String> text) {
        if (call.ended()) {
            return;
        }
        call.device.send(Frames.hangup(call.callId, reason, text));
        flows.end(call, reason);
    }
}
