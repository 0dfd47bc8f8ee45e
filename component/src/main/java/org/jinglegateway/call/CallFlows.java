package org.jinglegateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.Reason;
import org.jinglegateway.mapper.jingle.RtpInfo;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.IceRestart;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * What a call does on each event, browser side and XMPP side. Runs on the call's lane only. Translation is the
 * mapper's; this class decides when to translate, what to hold back, and what each side is told.
 */
final class CallFlows {
    private static final Logger log = LoggerFactory.getLogger(CallFlows.class);

    private final CallService service;

    CallFlows(CallService service) {
        this.service = service;
    }

    /** Runs one event: a refused browser request becomes an error frame; a bug ends only this call. */
    void guarded(Call call, Consumer<Call> task) {
        try {
            task.accept(call);
        } catch (CallException e) {
            log.info("call.refused code={} problem={}", e.code(), e.getMessage());
            call.device.send(Frames.error(Optional.of(call.callId), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("call.failed in {}", call, e);
            if (!call.ended()) {
                terminateBoth(call, "general-error", Optional.of("the gateway failed to handle the call"));
            }
        }
    }

    // ---- browser events -----------------------------------------------------------------------------------------

    void placeCall(Call call, String sdpText) {
        SessionDescription offer;
        Jingle initiate;
        try {
            offer = parseSdp(sdpText);
            initiate = SdpToJingle.translate(offer, new SdpToJingle.Request(JingleAction.SESSION_INITIATE, call.sid,
                    Role.INITIATOR, Optional.of(call.local.toString()), Optional.empty())).value();
        } catch (CallException e) {
            forget(call);
            throw e;
        } catch (MapperException e) {
            forget(call);
            throw new CallException("bad-sdp", e.getMessage());
        }
        call.browserOffer = offer;
        call.learnBrowserIce(offer);
        call.learnContents(initiate, offer);
        call.pendingInitiate = initiate;
        service.schedule(call, service.ringTimeout(), this::timeout);
        if (call.jmi) {
            List<String> media = initiate.contents().stream().filter(c -> c.description().isPresent())
                    .map(c -> c.description().get().media()).filter(m -> !"application".equals(m)).toList();
            service.sendXmpp(Stanzas.jmi(call.local, call.peerBare, service.ids.next(12),
                    new JingleMessage(JingleMessage.Kind.PROPOSE, call.sid, media, Optional.empty(), Optional.empty(),
                            List.of())));
            log.info("call.proposed media={}", media);
        } else {
            sendInitiate(call);
        }
    }

    void browserAccept(Call call) {
        if (call.outgoing || !call.jmi || call.accepted || call.state() != CallState.RINGING) {
            throw new CallException("bad-state", "accept answers a ring; this call is " + describe(call));
        }
        call.accepted = true;
        service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                JingleMessage.of(JingleMessage.Kind.PROCEED, call.sid)));
        log.info("call.accepted");
        for (Call other : service.siblings(call)) {
            service.onLane(other, c -> endQuietly(c, "cancel", Optional.of("answered on another device")));
        }
        // the peer now owes us a session-initiate
        service.schedule(call, service.ringTimeout(), this::timeout);
    }

    void browserAnswer(Call call, String sdpText) {
        if (call.peerRestart) {
            SessionDescription answer = parseSdpOrRefuse(sdpText);
            Jingle restart = rename(IceRestart.toTransportInfo(answer, call.sid, call.ourRole()), call.midToContent);
            call.peerRestart = false;
            sendIq(call, restart);
            log.info("call.ice-restart.answered by=browser");
            return;
        }
        if (call.outgoing || call.state() != CallState.PENDING) {
            throw new CallException("bad-state", "answer answers an offer; this call is " + describe(call));
        }
        SessionDescription answer = parseSdpOrRefuse(sdpText);
        Jingle accept;
        try {
            accept = SdpToJingle.translate(answer, new SdpToJingle.Request(JingleAction.SESSION_ACCEPT, call.sid,
                    Role.RESPONDER, Optional.empty(), Optional.of(call.local.toString()))).value();
        } catch (MapperException e) {
            throw new CallException("bad-sdp", e.getMessage());
        }
        accept = withoutForbiddenCandidates(call, rename(accept, call.midToContent));
        call.learnBrowserIce(answer);
        call.remoteRole = complement(setupOf(answer));
        sendIq(call, accept);
        call.cancelTimer();
        call.move(CallState.ACTIVE);
        log.info("call.active");
        call.peerReady = true;
        flushToPeer(call);
        call.browserReady = true;
        flushToBrowser(call);
    }

    void browserOffer(Call call, String sdpText) {
        if (call.state() != CallState.ACTIVE) {
            throw new CallException("bad-state", "a renegotiation offer needs an active call; this call is "
                    + describe(call));
        }
        if (call.peerRestart || call.browserRestart) {
            throw new CallException("glare", "an ICE restart is already in progress on this call; finish it first");
        }
        SessionDescription offer = parseSdpOrRefuse(sdpText);
        if (!call.isIceRestart(offer)) {
            throw new CallException("not-supported", "only ICE restarts can be renegotiated (new a=ice-ufrag and"
                    + " a=ice-pwd); adding or changing media is not supported yet");
        }
        Jingle restart;
        try {
            restart = rename(IceRestart.toTransportInfo(offer, call.sid, call.ourRole()), call.midToContent);
        } catch (MapperException e) {
            throw new CallException("bad-sdp", e.getMessage());
        }
        call.learnBrowserIce(offer);
        call.browserRestart = true;
        sendIq(call, restart);
        log.info("call.ice-restart.offered by=browser");
    }

    void browserCandidate(Call call, JsonNode frame) {
        CandidateInit init = candidateInit(frame);
        if (init.endOfCandidates()) {
            // XEP-0176 has no end-of-candidates: nothing is sent (docs/mapping.md)
            log.debug("candidate.end-of-candidates not sent: XEP-0176 cannot carry it");
            return;
        }
        CandidateInit c = call.towardsPeer(init);
        if (!call.allowedToPeer(c)) {
            log.debug("candidate.dropped tcp to {}", call.quirks.client());
            return;
        }
        if (!call.peerReady) {
            call.toPeer.add(c);
            return;
        }
        sendCandidate(call, c);
    }

    void browserHangup(Call call, String reason, Optional<String> text) {
        if (call.ended()) {
            return;
        }
        boolean gone = "gone".equals(reason);
        switch (call.state()) {
            case PROPOSED, RINGING -> {
                List<Call> siblings = service.siblings(call);
                if (call.outgoing) {
                    service.sendXmpp(Stanzas.jmi(call.local, call.peerBare, service.ids.next(12),
                            call.jmiWithReason(JingleMessage.Kind.RETRACT, "success".equals(reason) ? "cancel"
                                    : reason, text)));
                } else if (!gone || siblings.isEmpty()) {
                    service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                            call.jmiWithReason(JingleMessage.Kind.REJECT, "success".equals(reason) ? "decline"
                                    : reason, text)));
                    for (Call other : siblings) {
                        service.onLane(other, c -> endQuietly(c, "cancel", Optional.of("declined on another device")));
                    }
                }
            }
            case PENDING, ACTIVE -> {
                sendIq(call, call.terminate(reason, text));
                finish(call, reason);
            }
            default -> {
            }
        }
        end(call, reason);
    }

    // ---- XMPP events --------------------------------------------------------------------------------------------

    void peerProposed(Call call, JingleMessage propose) {
        call.move(CallState.RINGING);
        call.device.send(Frames.ring(call.callId, call.peer.toString(), propose.media()));
        service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                JingleMessage.of(JingleMessage.Kind.RINGING, call.sid)));
        service.schedule(call, service.ringTimeout(), this::timeout);
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
                    sendRinging(call);
                }
            }
            case PROCEED -> {
                if (call.outgoing && call.jmi && call.peer == null) {
                    call.peer = from;
                    call.quirks = service.quirksOf(from);
                    log.info("call.proceeded by={}", from);
                    sendInitiate(call);
                } else {
                    log.debug("jmi.proceed ignored from={} state={}", from, call.state());
                }
            }
            case REJECT -> {
                if (call.outgoing && call.peer == null) {
                    String reason = m.reason().map(Reason::condition).orElse("decline");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    end(call, reason);
                }
            }
            case RETRACT -> {
                if (!call.outgoing && (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING)) {
                    String reason = m.reason().map(Reason::condition).orElse("cancel");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    end(call, reason);
                }
            }
            case FINISH -> {
                if (call.state() == CallState.ACTIVE || call.state() == CallState.PENDING) {
                    // a finish without a session-terminate: the session is over all the same
                    String reason = m.reason().map(Reason::condition).orElse("success");
                    call.device.send(Frames.hangup(call.callId, reason, m.reason().flatMap(Reason::text)));
                    end(call, reason);
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
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            failBeforeOffer(call, "failed-application", "the caller's session-initiate was malformed");
            return;
        }
        for (Call mine : service.pendingOutgoing(call.local, iq.getFrom())) {
            // XEP-0166 §7.2.10 tie-break: both sides initiated at once; the lower sid goes on
            if (mine.sid.compareTo(call.sid) < 0) {
                service.sendXmpp(Stanzas.error(iq, PacketError.Condition.conflict, Optional.of("tie-break"),
                        "a session-initiate of ours (sid " + mine.sid + ") crossed yours and wins the tie-break"));
                forget(call);
                return;
            }
            service.onLane(mine, this::lostTieBreak);
        }
        Optional<String[]> refusal = Admission.check(initiate);
        if (refusal.isPresent()) {
            service.sendXmpp(IQ.createResultIQ(iq));
            String[] r = refusal.get();
            log.info("call.refused reason={} text={}", r[0], r[1]);
            sendIq(call, call.terminate(r[0], Optional.of(r[1])));
            finish(call, r[0]);
            failBeforeOffer(call, r[0], r[1]);
            return;
        }
        try {
            offer = JingleToSdp.translate(initiate, Role.INITIATOR).value();
        } catch (MapperException e) {
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            failBeforeOffer(call, "failed-application", "the caller's offer could not be translated: "
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
            sendIq(call, new Jingle(JingleAction.SESSION_INFO, call.sid, Optional.empty(), Optional.empty(), List.of(),
                    List.of(), Optional.empty(), List.of(RtpInfo.of(RtpInfo.Kind.RINGING).toRaw())));
        }
        service.schedule(call, service.ringTimeout(), this::timeout);
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
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            return;
        }
        switch (jingle.action()) {
            case SESSION_ACCEPT -> peerAccept(call, iq, jingle);
            case TRANSPORT_INFO -> peerTransportInfo(call, iq, jingle);
            case SESSION_INFO -> peerSessionInfo(call, iq, jingle);
            case SESSION_TERMINATE -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                String reason = jingle.reason().map(Reason::condition).orElse("success");
                call.device.send(Frames.hangup(call.callId, reason, jingle.reason().flatMap(Reason::text)));
                finish(call, reason);
                end(call, reason);
            }
            case SESSION_INITIATE -> service.sendXmpp(Stanzas.outOfOrder(iq, "session " + call.sid
                    + " was already initiated"));
            case CONTENT_ADD -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                sendIq(call, new Jingle(JingleAction.CONTENT_REJECT, call.sid, Optional.empty(), Optional.empty(),
                        jingle.contents(), List.of(), Optional.of(new Reason("failed-application",
                        Optional.of("the gateway does not add media to a running call yet"), List.of())), List.of()));
            }
            case TRANSPORT_REPLACE -> {
                service.sendXmpp(IQ.createResultIQ(iq));
                sendIq(call, new Jingle(JingleAction.TRANSPORT_REJECT, call.sid, Optional.empty(), Optional.empty(),
                        jingle.contents(), List.of(), Optional.empty(), List.of()));
            }
            default -> service.sendXmpp(Stanzas.error(iq, PacketError.Condition.feature_not_implemented,
                    Optional.empty(), jingle.action().token() + " is not supported by the gateway"));
        }
    }

    private void peerAccept(Call call, IQ iq, Jingle accept) {
        if (!call.outgoing || call.state() != CallState.PENDING) {
            service.sendXmpp(Stanzas.outOfOrder(iq, "session-accept does not fit a call that is " + describe(call)));
            return;
        }
        SessionDescription answer;
        try {
            answer = JingleToSdp.translate(accept, Role.RESPONDER).value();
        } catch (MapperException e) {
            service.sendXmpp(Stanzas.error(iq, PacketError.Condition.bad_request, Optional.empty(), e.getMessage()));
            terminateBoth(call, "failed-application", Optional.of("the answer could not be translated: "
                    + e.getMessage()));
            return;
        }
        service.sendXmpp(IQ.createResultIQ(iq));
        call.learnPeerUfrags(accept);
        call.remoteSdp = answer;
        call.remoteWasOffer = false;
        call.remoteRole = setupOf(answer);
        call.cancelTimer();
        call.move(CallState.ACTIVE);
        call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), SdpWriter.write(answer)));
        log.info("call.active");
        call.browserReady = true;
        flushToBrowser(call);
        call.peerReady = true;
        flushToPeer(call);
    }

    private void peerTransportInfo(Call call, IQ iq, Jingle info) {
        service.sendXmpp(IQ.createResultIQ(iq));
        if (call.state() == CallState.ACTIVE && IceRestart.isRestart(info, call.peerUfrag)) {
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
                    sendRinging(call);
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
        Jingle byMid = rename(restart, call.contentToMid);
        if (call.browserRestart) {
            // the answer to the browser's restart: the peer's new credentials (Conversations' convention)
            call.browserRestart = false;
            SessionDescription answer = restartDescription(call, byMid, false);
            call.remoteSdp = answer;
            call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), SdpWriter.write(answer)));
            log.info("call.ice-restart.answered by=peer");
            return;
        }
        call.peerRestart = true;
        SessionDescription offer = restartDescription(call, byMid, true);
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
            if ("session-initiate".equals(action)) {
                call.peerReady = true;
                flushToPeer(call);
            }
            return;
        }
        String condition = Stanzas.condition(response);
        switch (action) {
            case "session-initiate" -> {
                boolean tieBreak = response.getError() != null && response.getError().getApplicationConditionName()
                        != null && "tie-break".equals(response.getError().getApplicationConditionName());
                if (tieBreak) {
                    lostTieBreak(call);
                } else {
                    call.device.send(Frames.hangup(call.callId, "failed-application",
                            Optional.of(call.peer + " refused the call: " + condition)));
                    end(call, "failed-application");
                }
            }
            case "session-accept" -> terminateBoth(call, "failed-application",
                    Optional.of(call.peer + " refused the answer: " + condition));
            default -> log.warn("xmpp.{} refused by peer: {}", action, condition);
        }
    }

    /** The peer left (offline, or our XMPP connection dropped): tell the browser and forget the call. */
    void peerGone(Call call, String reason, Optional<String> text) {
        if (call.ended()) {
            return;
        }
        call.device.send(Frames.hangup(call.callId, reason, text));
        end(call, reason);
    }

    /** Our side lost a tie-break (crossing proposes or crossing session-initiates): the peer's call goes on. */
    void lostTieBreak(Call call) {
        if (call.ended()) {
            return;
        }
        if (call.jmi && call.peer == null) {
            service.sendXmpp(Stanzas.jmi(call.local, call.peerBare, service.ids.next(12),
                    call.jmiWithReason(JingleMessage.Kind.RETRACT, "alternative-session",
                            Optional.of("crossing calls: the other one goes on"))));
        }
        call.device.send(Frames.hangup(call.callId, "alternative-session",
                Optional.of("the other side called at the same moment; that call goes on")));
        end(call, "alternative-session");
    }

    void timeout(Call call) {
        if (call.ended() || call.state() == CallState.ACTIVE) {
            return;
        }
        Optional<String> text = Optional.of("nobody answered within " + service.ringTimeout().toSeconds() + " s");
        if (call.state() == CallState.PENDING) {
            sendIq(call, call.terminate("timeout", text));
            finish(call, "timeout");
        } else if (call.outgoing) {
            service.sendXmpp(Stanzas.jmi(call.local, call.peerBare, service.ids.next(12),
                    call.jmiWithReason(JingleMessage.Kind.RETRACT, "timeout", text)));
        } else {
            service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                    call.jmiWithReason(JingleMessage.Kind.REJECT, "timeout", text)));
        }
        call.device.send(Frames.hangup(call.callId, "timeout", text));
        end(call, "timeout");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void sendInitiate(Call call) {
        Jingle initiate = withoutForbiddenCandidates(call, call.pendingInitiate);
        call.pendingInitiate = null;
        if (call.state() != CallState.PENDING) {
            call.move(CallState.PENDING);
        }
        sendIq(call, initiate);
        log.info("call.initiated contents={}", initiate.contents().size());
    }

    private void sendRinging(Call call) {
        if (!call.ringingSent) {
            call.ringingSent = true;
            call.device.send(Frames.call("ringing", call.callId));
        }
    }

    private void sendCandidate(Call call, CandidateInit c) {
        String content = c.sdpMid().orElseThrow();
        Creator creator = call.contentCreator.getOrDefault(content, Creator.INITIATOR);
        try {
            CandidateTranslator.toTransportInfo(c, call.sid, creator, service.ids.next(10))
                    .ifPresent(p -> sendIq(call, p.value()));
        } catch (MapperException e) {
            throw new CallException("bad-candidate", e.getMessage());
        }
    }

    private void flushToPeer(Call call) {
        List<CandidateInit> held = List.copyOf(call.toPeer);
        call.toPeer.clear();
        for (CandidateInit c : held) {
            try {
                sendCandidate(call, c);
            } catch (CallException e) {
                call.device.send(Frames.error(Optional.of(call.callId), e.code(), e.getMessage()));
            }
        }
    }

    private void flushToBrowser(Call call) {
        for (CandidateInit c : call.toBrowser) {
            call.device.send(Frames.candidate(call.callId, c));
        }
        call.toBrowser.clear();
    }

    private void sendIq(Call call, Jingle jingle) {
        IQ iq = Stanzas.jingleSet(call.local, call.peer, service.ids.next(12), jingle);
        service.sendIq(call, iq, jingle.action().token());
    }

    /** XEP-0353 0.8: a finish follows every session-terminate of a session that began with a propose. */
    private void finish(Call call, String reason) {
        if (call.jmi && call.peer != null) {
            service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                    call.jmiWithReason(JingleMessage.Kind.FINISH, reason, Optional.empty())));
        }
    }

    /** Ends a call on both sides: session-terminate (or nothing, before a session) and a hangup frame. */
    private void terminateBoth(Call call, String reason, Optional<String> text) {
        if (call.state() == CallState.PENDING || call.state() == CallState.ACTIVE) {
            sendIq(call, call.terminate(reason, text));
            finish(call, reason);
        }
        call.device.send(Frames.hangup(call.callId, reason, text));
        end(call, reason);
    }

    /** An incoming call that failed before the browser got its offer: a JMI call's browser is told. */
    private void failBeforeOffer(Call call, String reason, String text) {
        if (call.jmi) {
            call.device.send(Frames.hangup(call.callId, reason, Optional.of(text)));
            end(call, reason);
        } else {
            forget(call);
        }
    }

    private void endQuietly(Call call, String reason, Optional<String> text) {
        if (!call.ended()) {
            call.device.send(Frames.hangup(call.callId, reason, text));
            end(call, reason);
        }
    }

    private void end(Call call, String reason) {
        call.move(CallState.ENDED);
        service.forget(call);
        log.info("call.ended reason={}", reason);
    }

    private void forget(Call call) {
        if (!call.ended()) {
            call.move(CallState.ENDED);
        }
        service.forget(call);
    }

    private SessionDescription restartDescription(Call call, Jingle restartByMid, boolean asOffer) {
        SessionDescription s = IceRestart.applyToSdp(call.remoteSdp, restartByMid);
        call.remoteWasOffer = asOffer;
        if (call.remoteRole == null) {
            return s;
        }
        // RFC 8842 §5.5: keep the DTLS roles across the restart, whichever side offers
        String role = call.remoteRole.token();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : s.media()) {
            List<Attribute> attributes = new ArrayList<>();
            for (Attribute a : m.attributes()) {
                attributes.add("setup".equals(a.name()) ? Attribute.of("setup", role) : a);
            }
            media.add(m.withAttributes(attributes));
        }
        List<Attribute> session = new ArrayList<>();
        for (Attribute a : s.attributes()) {
            session.add("setup".equals(a.name()) ? Attribute.of("setup", role) : a);
        }
        return s.withMedia(media).withAttributes(session);
    }

    /** Content names changed through a map (mid -> content name or back); groups follow. */
    static Jingle rename(Jingle jingle, Map<String, String> names) {
        List<Content> contents = new ArrayList<>();
        for (Content c : jingle.contents()) {
            contents.add(new Content(c.creator(), names.getOrDefault(c.name(), c.name()), c.disposition(),
                    c.senders(), c.description(), c.transport(), c.attributes(), c.extra()));
        }
        List<ContentGroup> groups = new ArrayList<>();
        for (ContentGroup g : jingle.groups()) {
            groups.add(new ContentGroup(g.semantics(), g.contents().stream().map(n -> names.getOrDefault(n, n))
                    .toList()));
        }
        return new Jingle(jingle.action(), jingle.sid(), jingle.initiator(), jingle.responder(), contents, groups,
                jingle.reason(), jingle.extra());
    }

    /** The quirk table's candidate rule applied to the candidates inside a session-initiate or -accept. */
    private static Jingle withoutForbiddenCandidates(Call call, Jingle jingle) {
        if (call.quirks.tcpCandidates()) {
            return jingle;
        }
        List<Content> contents = new ArrayList<>();
        for (Content c : jingle.contents()) {
            Optional<IceUdpTransport> t = c.transport().map(x -> new IceUdpTransport(x.ufrag(), x.pwd(),
                    x.candidates().stream().filter(k -> k.transport().isUdp()).toList(), x.fingerprints(),
                    x.attributes(), x.extra()));
            contents.add(new Content(c.creator(), c.name(), c.disposition(), c.senders(), c.description(), t,
                    c.attributes(), c.extra()));
        }
        return new Jingle(jingle.action(), jingle.sid(), jingle.initiator(), jingle.responder(), contents,
                jingle.groups(), jingle.reason(), jingle.extra());
    }

    private static SessionDescription parseSdp(String text) {
        try {
            return SdpParser.parse(text).value();
        } catch (MapperException e) {
            throw new CallException("bad-sdp", e.getMessage());
        }
    }

    private static SessionDescription parseSdpOrRefuse(String text) {
        return parseSdp(text);
    }

    private static Setup setupOf(SessionDescription sdp) {
        for (MediaDescription m : sdp.media()) {
            Optional<String> v = m.value("setup");
            if (v.isPresent()) {
                return Setup.of(v.get());
            }
        }
        return sdp.value("setup").map(Setup::of).orElse(Setup.ACTIVE);
    }

    private static Setup complement(Setup s) {
        return switch (s) {
            case ACTIVE -> Setup.PASSIVE;
            case PASSIVE -> Setup.ACTIVE;
            default -> Setup.ACTIVE;
        };
    }

    private static CandidateInit candidateInit(JsonNode frame) {
        JsonNode candidate = frame.get("candidate");
        if (candidate == null || !candidate.isTextual()) {
            throw new CallException("bad-candidate", "\"candidate\" must be a string (\"\" for end of candidates)");
        }
        JsonNode mid = frame.get("sdpMid");
        JsonNode index = frame.get("sdpMLineIndex");
        JsonNode ufrag = frame.get("usernameFragment");
        if (mid != null && !mid.isNull() && !mid.isTextual() || index != null && !index.isNull() && !index.isInt()
                || ufrag != null && !ufrag.isNull() && !ufrag.isTextual()) {
            throw new CallException("bad-candidate", "sdpMid and usernameFragment must be strings or null, and"
                    + " sdpMLineIndex a number or null");
        }
        return new CandidateInit(candidate.asText(),
                mid == null || mid.isNull() ? Optional.empty() : Optional.of(mid.asText()),
                index == null || index.isNull() ? OptionalInt.empty() : OptionalInt.of(index.asInt()),
                ufrag == null || ufrag.isNull() ? Optional.empty() : Optional.of(ufrag.asText()));
    }

    private static String describe(Call call) {
        return (call.outgoing ? "outgoing" : "incoming") + " and "
                + call.state().name().toLowerCase(java.util.Locale.ROOT);
    }
}
