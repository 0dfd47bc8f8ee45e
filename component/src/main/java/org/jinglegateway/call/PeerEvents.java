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
 * What a call does on each XMPP event from its peer: XEP-0353 messages and Jingle actions. Runs on the call's lane
 * only; the session-initiate is {@link PeerInitiates}', replies to our sets {@link PeerReplies}', restarts
 * {@link IceRestarts}'.
 */
final class PeerEvents {
    private static final Logger log = LoggerFactory.getLogger(PeerEvents.class);

    private final CallContext context;
    private final Outbox out;
    private final Endings endings;
    private final IceRestarts restarts;

    PeerEvents(CallContext context, Outbox out, Endings endings, IceRestarts restarts) {
        this.context = context;
        this.out = out;
        this.endings = endings;
        this.restarts = restarts;
    }

    void proposed(Call call, JingleMessage propose) {
        call.move(CallState.RINGING);
        call.device.send(Frames.ring(call.callId, call.peer().toString(), propose.media()));
        out.jmi(call, call.peer(), JingleMessage.of(JingleMessage.Kind.RINGING, call.sid));
        context.schedule(call, context.ringTimeout(), endings::timeout);
        log.info("call.ringing media={}", propose.media());
    }

    void message(Call call, JID from, JingleMessage m) {
        if (call.ended()) {
            return;
        }
        switch (m.kind()) {
            case RINGING -> {
                if (call.outgoing && call.state() == CallState.PROPOSED) {
                    call.move(CallState.RINGING);
                    out.sendRinging(call);
                }
            }
            case PROCEED -> {
                if (call.outgoing && call.jmi && !call.peerKnown()) {
                    call.peerProceeded(from, context.peers.quirks(from));
                    log.info("call.proceeded by={}", from);
                    out.sendInitiate(call);
                } else {
                    log.debug("jmi.proceed ignored from={} state={}", from, call.state());
                }
            }
            case REJECT -> {
                if (call.outgoing && !call.peerKnown()) {
                    peerEnded(call, Reasons.of(m.reason(), "decline"), m.reason());
                }
            }
            case RETRACT -> {
                if (!call.outgoing && (call.state() == CallState.PROPOSED || call.state() == CallState.RINGING)) {
                    peerEnded(call, Reasons.of(m.reason(), "cancel"), m.reason());
                }
            }
            case FINISH -> {
                if (call.state() == CallState.ACTIVE || call.state() == CallState.PENDING) {
                    // a finish without a session-terminate: the session is over all the same
                    peerEnded(call, Reasons.of(m.reason(), "success"), m.reason());
                }
            }
            default -> log.debug("jmi.{} ignored", m.kind().token());
        }
    }

    private void peerEnded(Call call, String reason, Optional<Reason> given) {
        Outbox.hangup(call, reason, given.flatMap(Reason::text));
        endings.end(call, reason);
    }

    void jingle(Call call, IQ iq) {
        if (call.ended()) {
            context.send(Stanzas.unknownSession(iq, "session " + call.sid + " has ended"));
            return;
        }
        Jingle jingle;
        try {
            jingle = JingleReader.read(iq.getChildElement());
        } catch (MapperException e) {
            context.badRequest(iq, e);
            return;
        }
        switch (jingle.action()) {
            case SESSION_ACCEPT -> accept(call, iq, jingle);
            case TRANSPORT_INFO -> transportInfo(call, iq, jingle);
            case SESSION_INFO -> sessionInfo(call, iq, jingle);
            case SESSION_TERMINATE -> {
                context.send(IQ.createResultIQ(iq));
                String reason = Reasons.of(jingle.reason(), "success");
                Outbox.hangup(call, reason, jingle.reason().flatMap(Reason::text));
                out.finish(call, reason);
                endings.end(call, reason);
            }
            case SESSION_INITIATE -> context.send(Stanzas.outOfOrder(iq, "session " + call.sid
                    + " was already initiated"));
            case CONTENT_ADD -> {
                context.send(IQ.createResultIQ(iq));
                Reason why = Admission.withoutDtls(jingle).map(r -> new Reason(r.reason(), Optional.of(r.text()),
                        List.<org.jinglegateway.mapper.jingle.RawXml>of())).orElse(new Reason("failed-application",
                        Optional.of("the gateway does not add media to a running call yet"), List.of()));
                out.sendIq(call, new Jingle(JingleAction.CONTENT_REJECT, call.sid, Optional.empty(),
                        Optional.empty(), jingle.contents(), List.of(), Optional.of(why), List.of()));
            }
            case TRANSPORT_REPLACE -> {
                context.send(IQ.createResultIQ(iq));
                Optional<Reason> why = Admission.withoutDtls(jingle).map(r -> new Reason(r.reason(),
                        Optional.of(r.text()), List.of()));
                out.sendIq(call, new Jingle(JingleAction.TRANSPORT_REJECT, call.sid, Optional.empty(),
                        Optional.empty(), jingle.contents(), List.of(), why, List.of()));
            }
            default -> context.send(Stanzas.error(iq, PacketError.Condition.feature_not_implemented,
                    Optional.empty(), jingle.action().token() + " is not supported by the gateway"));
        }
    }

    private void accept(Call call, IQ iq, Jingle accept) {
        if (!call.outgoing || call.state() != CallState.PENDING) {
            context.send(Stanzas.outOfOrder(iq, "session-accept does not fit a call that is " + call.describe()));
            return;
        }
        Optional<Admission.Refusal> refusal = Admission.withoutDtls(accept).or(() -> maxBundle(call, accept));
        if (refusal.isPresent()) {
            context.send(IQ.createResultIQ(iq));
            log.info("call.refused reason={} text={}", refusal.get().reason(), refusal.get().text());
            endings.terminateBoth(call, refusal.get().reason(), Optional.of(refusal.get().text()));
            return;
        }
        SessionDescription answer;
        try {
            answer = JingleToSdp.translate(accept, Role.RESPONDER).value();
            if (call.browserOffer().isPresent()) {
                // a session-accept leaves out what the peer does not take; a browser needs every m-line answered
                answer = AnswerAlignment.toOffer(answer, call.browserOffer().get()).value();
            }
        } catch (MapperException e) {
            context.badRequest(iq, e);
            endings.terminateBoth(call, "failed-application", Optional.of("the answer could not be translated: "
                    + e.getMessage()));
            return;
        }
        context.send(IQ.createResultIQ(iq));
        call.ice().learnPeer(accept);
        String answerText = call.gaveBrowser(answer);
        call.settleRemoteRole(SdpEdits.setupOf(answer));
        call.cancelTimer();
        call.move(CallState.ACTIVE);
        call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), answerText));
        log.info("call.active");
        out.browserReady(call);
        out.peerReady(call);
    }

    /**
     * A peer that does not bundle (no XEP-0338 group: Dino) answering a page with bundlePolicy max-bundle: Firefox
     * marks the m-lines after the first a=bundle-only and would take the answer but keep one transport, sending the
     * video to the peer's audio transport (UnbundledPeerIT). Refused with a text that says what to change.
     */
    private static Optional<Admission.Refusal> maxBundle(Call call, Jingle accept) {
        boolean bundleOnly = call.browserOffer().map(o -> o.media().stream().anyMatch(m -> m.has("bundle-only")))
                .orElse(false);
        if (!bundleOnly || !accept.groups().isEmpty() || accept.contents().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Admission.Refusal("incompatible-parameters", call.peerOrBare() + " does not bundle"
                + " (no XEP-0338 group: one transport per content) and this page offered bundlePolicy max-bundle"
                + " (a=bundle-only); use bundlePolicy balanced"));
    }

    private void transportInfo(Call call, IQ iq, Jingle info) {
        boolean restart = call.state() == CallState.ACTIVE && IceRestart.isRestart(info, call.ice().peerUfrags());
        if (restart && IceRestarts.crossesBrowserRestart(call, info) && call.outgoing) {
            // restart glare, Conversations' rule: the initiator's restart wins; the peer answers ours
            context.send(Stanzas.error(iq, PacketError.Condition.conflict, Optional.of("tie-break"),
                    "an ICE restart of the initiator's is in progress and wins the tie-break"));
            log.info("call.ice-restart.glare won");
            return;
        }
        context.send(IQ.createResultIQ(iq));
        if (restart) {
            restarts.peerRestarted(call, info);
            return;
        }
        List<Content> fresh = new ArrayList<>();
        for (Content c : info.contents()) {
            Optional<String> ufrag = c.transport().flatMap(IceUdpTransport::ufrag);
            String current = call.ice().peerUfrags().get(c.name());
            if (ufrag.isPresent() && current != null && !current.equals(ufrag.get())) {
                log.debug("candidate.dropped content={} of an old ICE generation", c.name());
                continue;
            }
            if (!call.contents().has(c.name())) {
                log.warn("candidate.dropped: no content \"{}\" in this session", c.name());
                continue;
            }
            ufrag.ifPresent(u -> call.ice().peerUfragIfUnknown(c.name(), u));
            fresh.add(c);
        }
        Jingle kept = new Jingle(info.action(), info.sid(), info.initiator(), info.responder(), fresh, List.of(),
                Optional.empty(), List.of());
        for (CandidateInit c : CandidateTranslator.fromTransportInfo(kept, call.contents().indexes())) {
            CandidateInit toBrowser = call.contents().towardsBrowser(c);
            if (!call.holdForBrowser(toBrowser)) {
                call.device.send(Frames.candidate(call.callId, toBrowser));
            }
        }
    }

    private void sessionInfo(Call call, IQ iq, Jingle info) {
        List<RtpInfo> payloads;
        try {
            payloads = RtpInfo.of(info);
        } catch (MapperException e) {
            context.badRequest(iq, e);
            return;
        }
        if (payloads.isEmpty() && !info.extra().isEmpty()) {
            context.send(Stanzas.error(iq, PacketError.Condition.feature_not_implemented,
                    Optional.of("unsupported-info"), "only XEP-0167 session-info payloads are understood"));
            return;
        }
        context.send(IQ.createResultIQ(iq));
        for (RtpInfo p : payloads) {
            if (p.kind() == RtpInfo.Kind.RINGING) {
                if (call.outgoing) {
                    out.sendRinging(call);
                }
            } else {
                var frame = Frames.call("info", call.callId).put("info", p.kind().token());
                p.name().ifPresent(n -> frame.put("name", call.contents().midOf(n)));
                call.device.send(frame);
            }
        }
    }
}
