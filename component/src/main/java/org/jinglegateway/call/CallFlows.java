package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.TypedSdp;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.IceRestart;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;

/**
 * What a call does on each browser event, and the steps both sides share (sending, holding back, ending). Runs on
 * the call's lane only; XMPP events are {@link PeerFlows}'. Translation is the mapper's; these classes decide when
 * to translate, what to hold back, and what each side is told.
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
        } catch (MapperException e) {
            // something a peer sent that could not be carried across after all (STYLE §7: WARN, not our bug)
            service.listener().mappingError(e.kind().name());
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

    // ---- browser events -----------------------------------------------------------------------------------------

    void placeCall(Call call, String sdpText) {
        SessionDescription offer;
        Jingle initiate;
        try {
            TypedSdp typed = parseSdp(sdpText);
            offer = typed.sdp();
            initiate = fromBrowser(() -> SdpToJingle.translate(typed, new SdpToJingle.Request(
                    JingleAction.SESSION_INITIATE, call.sid, Role.INITIATOR, Optional.of(call.local.toString()),
                    Optional.empty())).value());
        } catch (CallException e) {
            forget(call, "failed-application");
            throw e;
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
            throw new CallException(ErrorCode.BAD_STATE, "accept answers a ring; this call is " + describe(call));
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
            SessionDescription answer = parseSdp(sdpText).sdp();
            Jingle restart = rename(fromBrowser(() -> IceRestart.toTransportInfo(answer, call.sid, call.ourRole())),
                    call.midToContent);
            call.learnBrowserIce(answer);
            call.peerRestart = false;
            sendIq(call, restart);
            log.info("call.ice-restart.answered by=browser");
            return;
        }
        if (call.outgoing || call.state() != CallState.PENDING) {
            throw new CallException(ErrorCode.BAD_STATE, "answer answers an offer; this call is " + describe(call));
        }
        TypedSdp typedAnswer = parseSdp(sdpText);
        SessionDescription answer = typedAnswer.sdp();
        Jingle accept = fromBrowser(() -> SdpToJingle.translate(typedAnswer, new SdpToJingle.Request(
                JingleAction.SESSION_ACCEPT, call.sid, Role.RESPONDER, Optional.empty(),
                Optional.of(call.local.toString()))).value());
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
            throw new CallException(ErrorCode.BAD_STATE, "a renegotiation offer needs an active call; this call is "
                    + describe(call));
        }
        if (call.peerRestart || call.browserRestart) {
            throw new CallException(ErrorCode.GLARE, "an ICE restart is already in progress on this call; finish it"
                    + " first");
        }
        SessionDescription offer = parseSdp(sdpText).sdp();
        if (!call.isIceRestart(offer)) {
            throw new CallException(ErrorCode.NOT_SUPPORTED, "only ICE restarts can be renegotiated (new a=ice-ufrag"
                    + " and a=ice-pwd); adding or changing media is not supported yet");
        }
        Jingle restart = rename(fromBrowser(() -> IceRestart.toTransportInfo(offer, call.sid, call.ourRole())),
                call.midToContent);
        call.learnBrowserIce(offer);
        call.browserRestart = true;
        call.browserRestartInfo = restart;
        call.browserRestartSeen = false;
        sendIq(call, restart, ICE_RESTART);
        log.info("call.ice-restart.offered by=browser");
    }

    void browserCandidate(Call call, CandidateInit init) {
        if (init.endOfCandidates()) {
            // XEP-0176 has no end-of-candidates: nothing is sent (docs/mapping.md)
            log.debug("candidate.end-of-candidates not sent: XEP-0176 cannot carry it");
            return;
        }
        // translated (and so checked) once, when it arrives; held back as the transport-info it became
        Jingle info = withoutForbiddenCandidates(call, candidateInfo(call, call.towardsPeer(init)));
        if (info.contents().stream().allMatch(k -> k.transport().map(t -> t.candidates().isEmpty()).orElse(true))) {
            log.debug("candidate.dropped tcp to {}", call.quirks.client());
            return;
        }
        if (!call.peerReady) {
            call.toPeer.add(info);
            return;
        }
        sendIq(call, withCredentials(call, info));
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

    void sendInitiate(Call call) {
        Jingle initiate = withoutForbiddenCandidates(call, call.pendingInitiate);
        call.pendingInitiate = null;
        if (call.state() != CallState.PENDING) {
            call.move(CallState.PENDING);
        }
        sendIq(call, initiate);
        log.info("call.initiated contents={}", initiate.contents().size());
    }

    void sendRinging(Call call) {
        if (!call.ringingSent) {
            call.ringingSent = true;
            call.device.send(Frames.call("ringing", call.callId));
        }
    }

    /** The browser's candidate (already named by our content) as a one-candidate transport-info. */
    private Jingle candidateInfo(Call call, CandidateInit c) {
        String content = c.sdpMid().orElseThrow();
        Creator creator = call.contentCreator.getOrDefault(content, Creator.INITIATOR);
        try {
            return CandidateTranslator.toTransportInfo(c, call.sid, creator, service.ids.next(10)).orElseThrow()
                    .value();
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            throw new CallException(ErrorCode.BAD_CANDIDATE, e.getMessage());
        }
    }

    /**
     * The browser's current ufrag and pwd on each content of a transport-info, as Conversations sends them:
     * Monal drops candidates whose ufrag/pwd differ from the ones it stored, and a browser's trickled candidate
     * carries only its ufrag. A candidate of another ICE generation keeps its own ufrag and gets no pwd.
     */
    static Jingle withCredentials(Call call, Jingle info) {
        List<Content> contents = new ArrayList<>();
        for (Content c : info.contents()) {
            String mid = call.contentToMid.getOrDefault(c.name(), c.name());
            Optional<IceUdpTransport> t = c.transport().map(x -> {
                Optional<String> ufrag = x.ufrag().or(() -> Optional.ofNullable(call.browserUfrag.get(mid)));
                boolean current = ufrag.isPresent() && ufrag.get().equals(call.browserUfrag.get(mid));
                Optional<String> pwd = x.pwd().or(() -> current ? Optional.ofNullable(call.browserPwd.get(mid))
                        : Optional.empty());
                return x.withIce(ufrag, pwd, x.candidates());
            });
            contents.add(new Content(c.creator(), c.name(), c.disposition(), c.senders(), c.description(), t,
                    c.attributes(), c.extra()));
        }
        return new Jingle(info.action(), info.sid(), info.initiator(), info.responder(), contents, info.groups(),
                info.reason(), info.extra());
    }

    void flushToPeer(Call call) {
        List<Jingle> held = List.copyOf(call.toPeer);
        call.toPeer.clear();
        for (Jingle info : held) {
            sendIq(call, withCredentials(call, info));
        }
    }

    void flushToBrowser(Call call) {
        for (CandidateInit c : call.toBrowser) {
            call.device.send(Frames.candidate(call.callId, c));
        }
        call.toBrowser.clear();
    }

    /** What the reply to the transport-info carrying the browser's ICE restart is filed under. */
    static final String ICE_RESTART = "transport-info (ice restart)";

    void sendIq(Call call, Jingle jingle) {
        sendIq(call, jingle, jingle.action().token());
    }

    /** Sends a Jingle set; its reply reaches {@link PeerFlows#peerResponse} with {@code action}. */
    void sendIq(Call call, Jingle jingle, String action) {
        IQ iq = Stanzas.jingleSet(call.local, call.peer, service.ids.next(12), jingle);
        service.sendIq(call, iq, action);
    }

    /** XEP-0353 0.8: a finish follows every session-terminate of a session that began with a propose. */
    void finish(Call call, String reason) {
        if (call.jmi && call.peer != null) {
            service.sendXmpp(Stanzas.jmi(call.local, call.peer, service.ids.next(12),
                    call.jmiWithReason(JingleMessage.Kind.FINISH, reason, Optional.empty())));
        }
    }

    void endByAdmin(Call call, String reason) {
        if (!call.ended()) {
            log.info("call.ended-by-admin reason={}", reason);
            if (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING) {
                browserHangup(call, reason, Optional.of("ended by an administrator"));
                call.device.send(Frames.hangup(call.callId, reason, Optional.of("ended by an administrator")));
                return;
            }
            terminateBoth(call, reason, Optional.of("ended by an administrator"));
        }
    }

    /** Ends a call on both sides: session-terminate (or nothing, before a session) and a hangup frame. */
    void terminateBoth(Call call, String reason, Optional<String> text) {
        if (call.state() == CallState.PENDING || call.state() == CallState.ACTIVE) {
            sendIq(call, call.terminate(reason, text));
            finish(call, reason);
        }
        call.device.send(Frames.hangup(call.callId, reason, text));
        end(call, reason);
    }

    /** An incoming call that failed before the browser got its offer: a JMI call's browser is told. */
    void failBeforeOffer(Call call, String reason, String text) {
        if (call.jmi) {
            call.device.send(Frames.hangup(call.callId, reason, Optional.of(text)));
            end(call, reason);
        } else {
            forget(call, reason);
        }
    }

    void endQuietly(Call call, String reason, Optional<String> text) {
        if (!call.ended()) {
            call.device.send(Frames.hangup(call.callId, reason, text));
            end(call, reason);
        }
    }

    void end(Call call, String reason) {
        call.move(CallState.ENDED);
        service.listener().ended(reason);
        service.forget(call);
        log.info("call.ended reason={}", reason);
    }

    /** Drops a call the browser never heard of (or has already been told about); counted as ended all the same. */
    void forget(Call call, String reason) {
        if (!call.ended()) {
            call.move(CallState.ENDED);
            service.listener().ended(reason);
        }
        service.forget(call);
    }

    SessionDescription restartDescription(Call call, Jingle restartByMid, boolean asOffer) {
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
            Optional<IceUdpTransport> t = c.transport().map(x -> x.withIce(x.ufrag(), x.pwd(),
                    x.candidates().stream().filter(k -> k.transport().isUdp()).toList()));
            contents.add(new Content(c.creator(), c.name(), c.disposition(), c.senders(), c.description(), t,
                    c.attributes(), c.extra()));
        }
        return new Jingle(jingle.action(), jingle.sid(), jingle.initiator(), jingle.responder(), contents,
                jingle.groups(), jingle.reason(), jingle.extra());
    }

    /** The browser's SDP with the typed views its parse made, so that the translation reads each value once. */
    private TypedSdp parseSdp(String text) {
        return fromBrowser(() -> SdpParser.parseTyped(text).value());
    }

    /** A parse or translation of what the browser sent: a failure is the browser's {@code bad-sdp} error frame. */
    private <T> T fromBrowser(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (MapperException e) {
            service.listener().mappingError(e.kind().name());
            throw new CallException(ErrorCode.BAD_SDP, e.getMessage());
        }
    }

    static Setup setupOf(SessionDescription sdp) {
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

    static String describe(Call call) {
        return (call.outgoing ? "outgoing" : "incoming") + " and "
                + call.state().name().toLowerCase(java.util.Locale.ROOT);
    }
}
