package org.jinglegateway.call;

import java.util.Optional;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.IceRestart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE restarts of an active call, as docs/calls.md says: Conversations' convention (the offer is a transport-info with
 * new credentials, the answer the other side's transport-info with its own) and its glare rule (the initiator's
 * restart wins). Decides, and moves the call's {@link IceRestartState}. Runs on the call's lane only.
 */
final class IceRestarts {
    private static final Logger log = LoggerFactory.getLogger(IceRestarts.class);

    private final CallContext context;
    private final Outbox out;

    IceRestarts(CallContext context, Outbox out) {
        this.context = context;
        this.out = out;
    }

    /** The browser's renegotiation offer: a restart goes to the peer as a transport-info. */
    void browserOffered(Call call, SessionDescription offer) {
        if (!call.ice().isRestart(offer, call.remoteMids())) {
            throw new CallException(ErrorCode.NOT_SUPPORTED, "only ICE restarts can be renegotiated (new a=ice-ufrag"
                    + " and a=ice-pwd); adding or changing media is not supported yet");
        }
        Jingle restart = transportInfo(call, offer);
        call.ice().learnBrowser(offer);
        call.browserOfferedRestart(restart);
        out.sendIq(call, restart, Outbox.ICE_RESTART);
        log.info("call.ice-restart.offered by=browser");
    }

    /** The browser's answer to the peer's restart: its new credentials go back as a transport-info. */
    void browserAnswered(Call call, SessionDescription answer) {
        Jingle restart = transportInfo(call, answer);
        call.ice().learnBrowser(answer);
        call.restartAnswered();
        out.sendIq(call, restart);
        log.info("call.ice-restart.answered by=browser");
    }

    /**
     * True when a peer's restart-shaped transport-info crossed the browser's restart before the peer acknowledged
     * ours (glare): the caller then refuses it with tie-break when we are the initiator. A transport-info whose
     * fingerprint names an answerer's DTLS role ({@code active} or {@code passive}) is no offer but the answer to
     * ours, whatever the order: StanzaJS sends that answer before its result for our restart. An offer carries
     * {@code actpass} (StanzaJS) or no fingerprint (Conversations).
     */
    static boolean crossesBrowserRestart(Call call, Jingle info) {
        return call.iceRestart() == IceRestartState.BROWSER_OFFERED && !namesAnswererRole(info);
    }

    private static boolean namesAnswererRole(Jingle info) {
        return info.contents().stream().flatMap(c -> c.transport().stream()).flatMap(t -> t.fingerprints().stream())
                .anyMatch(f -> f.setup().filter(s -> "active".equals(s) || "passive".equals(s)).isPresent());
    }

    /** A restart-shaped transport-info from the peer: the answer to the browser's restart, or the peer's own offer. */
    void peerRestarted(Call call, Jingle restart) {
        call.ice().learnPeer(restart);
        Jingle byMid = SdpEdits.rename(restart, call.contents().toMid());
        SessionDescription last = call.remoteSdp().orElseThrow(() -> new IllegalStateException(call
                + " restarts before the browser had a remote description"));
        SessionDescription description = SdpEdits.restartDescription(last, byMid, call.remoteRole());
        String text = call.gaveBrowser(description);
        IceRestartState now = call.iceRestart();
        if (now == IceRestartState.BROWSER_OFFERED || now == IceRestartState.BROWSER_OFFER_SEEN_BY_PEER) {
            // the answer to the browser's restart: the peer's new credentials (Conversations' convention)
            call.restartAnswered();
            call.device.send(Frames.sdp("answer", call.callId, Optional.empty(), text));
            log.info("call.ice-restart.answered by=peer");
            return;
        }
        call.peerOfferedRestart();
        call.device.send(Frames.sdp("offer", call.callId, Optional.of(call.peer().toString()),
                text));
        log.info("call.ice-restart.offered by=peer");
    }

    /** The peer acknowledged the transport-info of the browser's restart: it has seen it. */
    void peerAcknowledged(Call call) {
        if (call.iceRestart() == IceRestartState.BROWSER_OFFERED) {
            call.peerSawBrowserRestart();
        }
    }

    /**
     * The peer answered the browser's restart with tie-break: its own restart won and was taken as the answer to
     * ours, so our new credentials now go back as the answer to theirs (Conversations' rule).
     */
    void lostGlare(Call call, String condition) {
        Optional<Jingle> ours = call.takeBrowserRestartInfo();
        if (ours.isPresent()) {
            out.sendIq(call, ours.get());
            log.info("call.ice-restart.glare lost; our credentials sent as the answer");
        } else {
            log.warn("xmpp.ice-restart refused by peer: {}", condition);
        }
    }

    private Jingle transportInfo(Call call, SessionDescription sdp) {
        Jingle info = SdpEdits.rename(FromBrowser.translate(context, () -> IceRestart.toTransportInfo(sdp, call.sid,
                call.ourRole())), call.contents().toContent());
        // a content the peer was never sent (a withheld data channel) has no transport there to restart
        return info.withContents(info.contents().stream().filter(c -> !call.contents().withheld(c.name())).toList());
    }
}
