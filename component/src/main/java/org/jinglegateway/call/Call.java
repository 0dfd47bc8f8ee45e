package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.Reason;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.xmpp.packet.JID;

/**
 * One call between a browser device and a Jingle peer: its state, what each side has been told, and the
 * candidates held back until a side is ready for them. Every method runs on the call's own serial lane
 * ({@link #lane}); the flows that translate live in {@link CallFlows}.
 */
final class Call {
    private static final Logger log = LoggerFactory.getLogger(Call.class);

    /** The browser's name for the call. */
    final String callId;
    final Device device;
    /** The device's full JID: our side of the Jingle session. */
    final JID local;
    /** True when the browser placed the call: the gateway is then the Jingle initiator. */
    final boolean outgoing;
    final String sid;
    final JID peerBare;
    /** The peer's full JID, once it is known (at once for a full-JID call, on proceed or initiate otherwise). */
    volatile JID peer;
    /** The call started with XEP-0353 (and so ends with a finish). */
    final boolean jmi;
    final Executor lane;
    PeerQuirks quirks = PeerQuirks.DEFAULT;
    /** Where the call reports its progress (metrics). */
    CallListener listener = CallListener.NONE;

    /** Written on the lane only; read by the router too, hence volatile. */
    private volatile CallState state;
    /** When the call began, for the call-setup time. */
    final long startedNanos = System.nanoTime();

    /** The offer the browser placed the call with, until it goes out in a session-initiate. */
    SessionDescription browserOffer;
    /** Content name <-> mid, and the m-line index of each content, for candidates both ways. */
    final Map<String, String> contentToMid = new HashMap<>();
    final Map<String, String> midToContent = new HashMap<>();
    final Map<String, Integer> contentIndex = new HashMap<>();
    /** The creator of each content (XEP-0166 §7.3), which transport-info repeats. */
    final Map<String, Creator> contentCreator = new HashMap<>();
    /** The peer's current ICE ufrag per content: candidates of another generation are dropped. */
    final Map<String, String> peerUfrag = new HashMap<>();
    /** The last description given to the browser, and whether it was an offer. */
    SessionDescription remoteSdp;
    boolean remoteWasOffer;
    /** The far end's DTLS role once settled (never actpass), kept across ICE restarts (RFC 8842 §5.5). */
    Setup remoteRole;
    /** Candidates from the browser, held until the peer may get transport-info. */
    /** The browser's candidates as transport-infos, held until the peer may receive them. */
    final List<Jingle> toPeer = new ArrayList<>();
    boolean peerReady;
    /** Candidates from the peer, held until the browser has the description they belong to. */
    final List<CandidateInit> toBrowser = new ArrayList<>();
    boolean browserReady;
    /** An ICE restart the browser offered, waiting for the peer's new credentials. */
    boolean browserRestart;
    /**
     * The transport-info that carried the browser's last restart, kept to resend it when the peer answers that very
     * IQ with tie-break (only that reply reads it, so a finished restart's copy is harmless).
     */
    Jingle browserRestartInfo;
    /**
     * The peer acknowledged the transport-info that carried the browser's restart, so it has seen it: a
     * restart-shaped transport-info from it now is the answer. Before that, it crossed ours (glare).
     */
    boolean browserRestartSeen;
    /** An ICE restart the peer sent, waiting for the browser's answer. */
    boolean peerRestart;
    boolean ringingSent;
    /** An incoming proposal the browser accepted (proceed sent). */
    boolean accepted;
    /** An outgoing call's session-initiate, translated when the call is placed and sent on proceed. */
    Jingle pendingInitiate;
    /** The browser's current ICE ufrag per mid, to tell an ICE restart from other renegotiations. */
    final Map<String, String> browserUfrag = new HashMap<>();
    /** The browser's current ICE pwd per mid: Conversations and Monal send and expect it in every transport-info. */
    final Map<String, String> browserPwd = new HashMap<>();
    ScheduledFuture<?> timer;

    Call(String callId, Device device, boolean outgoing, String sid, JID peerBare, Optional<JID> peer, boolean jmi,
         Executor lane, CallState initial) {
        this.callId = callId;
        this.device = device;
        this.local = device.jid();
        this.outgoing = outgoing;
        this.sid = sid;
        this.peerBare = peerBare.asBareJID();
        this.peer = peer.orElse(null);
        this.jmi = jmi;
        this.lane = lane;
        this.state = initial;
    }

    CallKey key() {
        return new CallKey(peerBare, local, sid);
    }

    CallState state() {
        return state;
    }

    boolean ended() {
        return state == CallState.ENDED;
    }

    void move(CallState target) {
        CallState from = state;
        state = state.to(target);
        log.info("call.state from={} to={}", from, target);
        if (target == CallState.ACTIVE) {
            listener.active(java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    /** Our role in the Jingle session. */
    Creator ourRole() {
        return outgoing ? Creator.INITIATOR : Creator.RESPONDER;
    }

    /** True when {@code from} is the peer this call talks to (any of its devices before one is chosen). */
    boolean isPeer(JID from) {
        return peer == null ? from.asBareJID().equals(peerBare) : peer.equals(from);
    }

    /** Runs a task with the call's ids in the log context (STYLE.md §7). */
    void withContext(Runnable task) {
        MDC.put("callId", callId);
        MDC.put("sid", sid);
        MDC.put("peer", peer == null ? peerBare.toString() : peer.toString());
        try {
            task.run();
        } finally {
            MDC.remove("callId");
            MDC.remove("sid");
            MDC.remove("peer");
        }
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Learns the content/mid mapping: a content pairs with the m-line whose mid is its name, else by order. */
    void learnContents(Jingle jingle, SessionDescription sdp) {
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < jingle.contents().size(); i++) {
            Content c = jingle.contents().get(i);
            contentCreator.put(c.name(), c.creator());
            int index = -1;
            for (int m = 0; m < media.size(); m++) {
                if (media.get(m).mid().map(c.name()::equals).orElse(false)) {
                    index = m;
                }
            }
            if (index < 0 && i < media.size()) {
                index = i;
            }
            if (index >= 0) {
                String mid = media.get(index).mid().orElse(String.valueOf(index));
                contentToMid.put(c.name(), mid);
                midToContent.put(mid, c.name());
                contentIndex.put(c.name(), index);
            }
        }
    }

    /** Remembers the browser's ICE credentials from a description it wrote. */
    void learnBrowserIce(SessionDescription sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            String mid = m.mid().orElse(String.valueOf(i));
            m.value("ice-ufrag").or(() -> sdp.value("ice-ufrag")).ifPresent(u -> browserUfrag.put(mid, u));
            m.value("ice-pwd").or(() -> sdp.value("ice-pwd")).ifPresent(p -> browserPwd.put(mid, p));
        }
    }

    /**
     * True when a browser offer changes the ICE ufrag of a media section we know (RFC 8445 §9) and keeps the media
     * sections it last negotiated: an offer that also adds or removes m-lines is a renegotiation the peer would have
     * to hear about, not a restart.
     */
    boolean isIceRestart(SessionDescription offer) {
        if (remoteSdp == null || !mids(offer).equals(mids(remoteSdp))) {
            return false;
        }
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            String mid = m.mid().orElse(String.valueOf(i));
            Optional<String> u = m.value("ice-ufrag").or(() -> offer.value("ice-ufrag"));
            if (u.isPresent() && browserUfrag.containsKey(mid) && !browserUfrag.get(mid).equals(u.get())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> mids(SessionDescription sdp) {
        List<String> mids = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            mids.add(sdp.media().get(i).mid().orElse(String.valueOf(i)));
        }
        return mids;
    }

    /** The peer's ufrag of each content of a Jingle that carries transports. */
    void learnPeerUfrags(Jingle jingle) {
        for (Content c : jingle.contents()) {
            c.transport().flatMap(IceUdpTransport::ufrag).ifPresent(u -> peerUfrag.put(c.name(), u));
        }
    }

    /** The browser's candidate with its sdpMid turned into our content name. */
    CandidateInit towardsPeer(CandidateInit c) {
        String mid = c.sdpMid().orElseGet(() -> midAt(c.sdpMLineIndex()));
        if (mid == null) {
            throw new CallException(ErrorCode.BAD_CANDIDATE, "the candidate has neither sdpMid nor a known"
                    + " sdpMLineIndex");
        }
        String content = midToContent.get(mid);
        if (content == null) {
            throw new CallException(ErrorCode.BAD_CANDIDATE, "sdpMid \"" + mid + "\" is not a media section of this"
                    + " call (known: " + String.join(", ", midToContent.keySet().stream().sorted().toList()) + ")");
        }
        return new CandidateInit(c.candidate(), Optional.of(content), c.sdpMLineIndex(), c.usernameFragment());
    }

    /** A peer's candidate with its content name turned into the browser's mid and m-line index. */
    CandidateInit towardsBrowser(CandidateInit c) {
        String content = c.sdpMid().orElse("");
        String mid = contentToMid.getOrDefault(content, content);
        Integer index = contentIndex.get(content);
        return new CandidateInit(c.candidate(), Optional.of(mid),
                index == null ? OptionalInt.empty() : OptionalInt.of(index), c.usernameFragment());
    }

    private String midAt(OptionalInt index) {
        if (index.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Integer> e : contentIndex.entrySet()) {
            if (e.getValue() == index.getAsInt()) {
                return contentToMid.get(e.getKey());
            }
        }
        return null;
    }

    /** A session-terminate for this session. */
    Jingle terminate(String reason, Optional<String> text) {
        return new Jingle(JingleAction.SESSION_TERMINATE, sid, Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.of(new Reason(reason, text, List.of())), List.of());
    }

    /** An XEP-0353 reject, retract or finish with a reason. */
    JingleMessage jmiWithReason(JingleMessage.Kind kind, String reason, Optional<String> text) {
        return new JingleMessage(kind, sid, List.of(), Optional.of(new Reason(reason, text, List.of())),
                Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "call " + callId + " (sid " + sid + ", " + (outgoing ? "to " : "from ")
                + (peer == null ? peerBare : peer) + ", " + state + ")";
    }
}
