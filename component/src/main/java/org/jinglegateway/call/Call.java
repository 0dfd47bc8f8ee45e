package org.jinglegateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleParseException;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParseException;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * One call between a browser device and a Jingle peer. Its state is explicit: the {@link CallState} of the session,
 * the {@link IceRestartState} of an ICE restart, and a {@link HoldBack} per side for candidates that side is not
 * ready for. Only this class changes them, through the transitions below, which refuse a move their table does not
 * allow and name both states. The event classes ({@link BrowserEvents}, {@link PeerEvents}, {@link IceRestarts},
 * {@link PeerReplies}, {@link Endings}) decide and call these. Everything runs on the call's serial {@link #lane}.
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
    /** The call started with XEP-0353 (and so ends with a finish). */
    final boolean jmi;
    final Executor lane;
    private final CallListener listener;
    /** When the call began, for the call-setup time. */
    final long startedNanos = System.nanoTime();
    /** When the call began, by the wall clock, kept across instances (for the admin commands). */
    long startedAtMillis = System.currentTimeMillis();

    /** Written on the lane only; read by the routers too, hence volatile. */
    private volatile CallState state;
    /** The peer's full JID, once known (at once for a full-JID call, on proceed otherwise); routers read it. */
    private volatile JID peer;
    private PeerQuirks quirks;
    private IceRestartState iceRestart = IceRestartState.NONE;
    /** The transport-info that carried the browser's last restart, for a tie-break reply to that very IQ. */
    private Jingle browserRestartInfo;
    /** The browser's candidates as transport-infos, until the peer may receive them. */
    private final HoldBack<Jingle> toPeer = new HoldBack<>();
    /** The peer's candidates, until the browser has the description they belong to. */
    private final HoldBack<CandidateInit> toBrowser = new HoldBack<>();
    private boolean ringingSent;
    /** An incoming proposal the browser accepted (proceed sent); a resume reads it off the lane. */
    private volatile boolean accepted;
    /**
     * The offer the browser placed the call with, until the peer's answer is aligned to it; dropped once the call is
     * active (about 4.5 KB a call that a held call no longer needs; docs/benchmarks.md, "Load").
     */
    private SessionDescription browserOffer;
    private boolean placed;
    /** An outgoing call's session-initiate, translated when the call is placed and sent on proceed. */
    private Jingle pendingInitiate;
    /** Our session-initiate went out (an outgoing call's peer knows the session only then). */
    private boolean initiateOut;

    /**
     * The last description given to the browser, as the SDP text it was sent as: parsed again only for an ICE
     * restart, because the parsed form costs about three times as much heap for every held call
     * (docs/benchmarks.md, "Load").
     */
    private String remoteSdp;
    /** The mids of {@link #remoteSdp}, so that telling a restart from a renegotiation needs no parse. */
    private List<String> remoteMids = List.of();
    /** The far end's DTLS role once settled (never actpass), kept across ICE restarts (RFC 8842 §5.5). */
    private Setup remoteRole;
    private Timers.Timer timer;
    private final ContentMap contents = new ContentMap();
    private final IceCredentials ice = new IceCredentials();

    Call(String callId, Device device, boolean outgoing, String sid, JID peerBare, Optional<JID> peer, boolean jmi,
         Executor lane, CallState initial, PeerQuirks quirks, CallListener listener) {
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
        this.quirks = quirks;
        this.listener = listener;
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

    /** Moves the session as {@link CallState}'s table allows; refuses otherwise, naming both states. */
    void move(CallState target) {
        CallState from = state;
        state = state.to(target);
        // DEBUG: the INFO lines call.initiated / call.offered, call.active and call.ended already mark the moves
        // that matter; at INFO this made five lines a call (docs/benchmarks.md, Load)
        log.debug("call.state from={} to={}", from, target);
        if (target == CallState.ACTIVE) {
            browserOffer = null;
            listener.active(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    /** Moves to PENDING unless the call is there already (a direct call starts there). */
    void pending() {
        if (state != CallState.PENDING) {
            move(CallState.PENDING);
        }
    }


    boolean peerKnown() {
        return peer != null;
    }

    /** The peer's full JID; refuses while no device of the peer has proceeded. */
    JID peer() {
        if (peer == null) {
            throw new IllegalStateException("no device of " + peerBare + " has taken " + this + " yet");
        }
        return peer;
    }

    /** The peer's full JID when known, else its bare JID (for texts and logs). */
    JID peerOrBare() {
        return peer == null ? peerBare : peer;
    }

    /** A device of the peer proceeded (XEP-0353): the call is with that device from now on. */
    void peerProceeded(JID device, PeerQuirks deviceQuirks) {
        if (peer != null) {
            throw new IllegalStateException(this + " already has its peer device; " + device + " cannot take it");
        }
        peer = device;
        quirks = deviceQuirks;
    }

    /** True when {@code from} is the peer this call talks to (any of its devices before one is chosen). */
    boolean isPeer(JID from) {
        return peer == null ? from.asBareJID().equals(peerBare) : peer.equals(from);
    }

    PeerQuirks quirks() {
        return quirks;
    }

    /** Our role in the Jingle session. */
    Creator ourRole() {
        return outgoing ? Creator.INITIATOR : Creator.RESPONDER;
    }


    IceRestartState iceRestart() {
        return iceRestart;
    }

    private void moveRestart(IceRestartState target) {
        IceRestartState from = iceRestart;
        iceRestart = iceRestart.to(target);
        log.debug("call.ice-restart.state from={} to={}", from, target);
    }

    /** The browser offered a restart, carried by {@code info}. */
    void browserOfferedRestart(Jingle info) {
        moveRestart(IceRestartState.BROWSER_OFFERED);
        browserRestartInfo = info;
    }

    /** The peer acknowledged the transport-info that carried the browser's restart. */
    void peerSawBrowserRestart() {
        moveRestart(IceRestartState.BROWSER_OFFER_SEEN_BY_PEER);
    }

    /** The peer offered a restart (again, if the browser has not answered the last). */
    void peerOfferedRestart() {
        moveRestart(IceRestartState.PEER_OFFERED);
    }

    /** The side that owed the answer gave it: no restart is under way. */
    void restartAnswered() {
        moveRestart(IceRestartState.NONE);
    }

    /** The transport-info of the browser's last restart, once: to resend after a tie-break on that very IQ. */
    Optional<Jingle> takeBrowserRestartInfo() {
        Optional<Jingle> info = Optional.ofNullable(browserRestartInfo);
        browserRestartInfo = null;
        return info;
    }


    /** Holds a transport-info while the peer may not receive it; false when it may, and the caller sends it. */
    boolean holdForPeer(Jingle info) {
        return toPeer.holdIfNotReady(info);
    }

    /** The peer may receive transport-info now: what was held, for the caller to send (nothing the second time). */
    List<Jingle> peerReady() {
        return toPeer.readiness() == Readiness.OPEN ? List.of() : toPeer.open();
    }

    /** Holds a candidate while the browser lacks its description; false when it has it, and the caller sends it. */
    boolean holdForBrowser(CandidateInit candidate) {
        return toBrowser.holdIfNotReady(candidate);
    }

    /** The browser has the remote description: what was held, for the caller to send (nothing the second time). */
    List<CandidateInit> browserReady() {
        return toBrowser.readiness() == Readiness.OPEN ? List.of() : toBrowser.open();
    }


    /** True the first time only: the browser is told once that the far end rings. */
    boolean firstRinging() {
        boolean first = !ringingSent;
        ringingSent = true;
        return first;
    }

    boolean accepted() {
        return accepted;
    }

    /** The browser accepted the proposal; refuses a second accept. */
    void accept() {
        if (accepted) {
            throw new IllegalStateException(this + " was already accepted");
        }
        accepted = true;
    }

    /** The browser placed the call with {@code offer}, which became {@code initiate}. */
    void placed(SessionDescription offer, Jingle initiate) {
        if (placed) {
            throw new IllegalStateException(this + " was already placed");
        }
        placed = true;
        browserOffer = offer;
        pendingInitiate = initiate;
        ice.learnBrowser(offer);
        contents.learn(initiate, offer);
    }

    /** The browser's offer while the call is being set up (empty for a received call, and once active). */
    Optional<SessionDescription> browserOffer() {
        return Optional.ofNullable(browserOffer);
    }

    /** The session-initiate the call was placed with, once: it goes out now. */
    /** Our session-initiate was written: from now on the peer knows the session. */
    void initiateSent() {
        initiateOut = true;
    }

    /** Whether the peer has heard of the Jingle session: it initiated it, or our session-initiate went out. */
    boolean peerKnowsSession() {
        return !outgoing || initiateOut;
    }

    Jingle takePendingInitiate() {
        if (pendingInitiate == null) {
            throw new IllegalStateException(this + " has no session-initiate waiting");
        }
        Jingle initiate = pendingInitiate;
        pendingInitiate = null;
        return initiate;
    }

    /** The browser is given {@code sdp} as its remote description; returns the text to send it, written once. */
    String gaveBrowser(SessionDescription sdp) {
        remoteSdp = SdpWriter.write(sdp);
        remoteMids = IceCredentials.mids(sdp);
        return remoteSdp;
    }

    /** The mids of the browser's remote description; empty before it has one. */
    List<String> remoteMids() {
        return remoteMids;
    }

    Optional<SessionDescription> remoteSdp() {
        if (remoteSdp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SdpParser.parse(remoteSdp).value());
        } catch (SdpParseException e) {
            throw new IllegalStateException(this + ": the SDP the mapper wrote does not parse again: " + e.getMessage(),
                    e);
        }
    }

    /** The far end's DTLS role is settled (never actpass). */
    void settleRemoteRole(Setup role) {
        remoteRole = role;
    }

    Optional<Setup> remoteRole() {
        return Optional.ofNullable(remoteRole);
    }

    ContentMap contents() {
        return contents;
    }

    IceCredentials ice() {
        return ice;
    }


    /** A new timer replaces the running one. */
    void replaceTimer(Timers.Timer next) {
        cancelTimer();
        timer = next;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }


    /**
     * What another instance needs to carry this call on after this one is gone (docs/operations.md, "Several
     * instances"): the session, both sides' ICE and DTLS state, the description the browser has, and what the call
     * still waits for. Candidates held for a side that is not ready yet, IQs waiting for a reply and the timer are
     * not in it. Read on the lane.
     */
    ObjectNode snapshot() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("callId", callId).put("device", local.toString()).put("outgoing", outgoing).put("sid", sid)
                .put("peerBare", peerBare.toString()).put("jmi", jmi).put("state", state.name())
                .put("iceRestart", iceRestart.name()).put("ringingSent", ringingSent).put("accepted", accepted)
                .put("placed", placed).put("initiateOut", initiateOut).put("startedAt", startedAtMillis)
                .put("toPeerOpen", toPeer.readiness() == Readiness.OPEN)
                .put("toBrowserOpen", toBrowser.readiness() == Readiness.OPEN);
        if (peer != null) {
            s.put("peer", peer.toString());
        }
        s.putObject("quirks").put("client", quirks.client()).put("capsNode", quirks.capsNode())
                .put("tcpCandidates", quirks.tcpCandidates()).put("speaksJmi", quirks.speaksJmi())
                .put("dataChannels", quirks.dataChannels());
        if (remoteSdp != null) {
            s.put("remoteSdp", remoteSdp);
        }
        remoteMids.forEach(s.putArray("remoteMids")::add);
        if (remoteRole != null) {
            s.put("remoteRole", remoteRole.name());
        }
        if (browserOffer != null) {
            s.put("browserOffer", SdpWriter.write(browserOffer));
        }
        if (pendingInitiate != null) {
            s.put("pendingInitiate", JingleWriter.toXml(pendingInitiate));
        }
        contents.writeTo(s.putObject("contents"));
        ice.writeTo(s.putObject("ice"));
        return s;
    }

    /** The last snapshot written to the directory, so that an event that changed nothing writes nothing. */
    private String lastSaved;

    /** Writes the snapshot to the directory when it differs from the last one written. */
    void saved(Directory directory) {
        String now = snapshot().toString();
        if (!now.equals(lastSaved)) {
            directory.callSaved(local, callId, now);
            lastSaved = now;
        }
    }

    /** A call from another instance's {@link #snapshot}, on {@code device} here. */
    static Call restore(JsonNode s, Device device, Executor lane, CallListener listener) {
        JsonNode q = s.path("quirks");
        PeerQuirks quirks = new PeerQuirks(q.path("client").asText("unknown"), q.path("capsNode").asText(""),
                q.path("tcpCandidates").asBoolean(), q.path("speaksJmi").asBoolean(true),
                q.path("dataChannels").asBoolean());
        Call call = new Call(s.path("callId").asText(), device, s.path("outgoing").asBoolean(), s.path("sid").asText(),
                new JID(s.path("peerBare").asText()), Optional.ofNullable(s.get("peer")).map(p -> new JID(p.asText())),
                s.path("jmi").asBoolean(), lane, CallState.valueOf(s.path("state").asText()), quirks, listener);
        call.iceRestart = IceRestartState.valueOf(s.path("iceRestart").asText(IceRestartState.NONE.name()));
        call.ringingSent = s.path("ringingSent").asBoolean();
        call.startedAtMillis = s.path("startedAt").asLong(call.startedAtMillis);
        call.accepted = s.path("accepted").asBoolean();
        call.placed = s.path("placed").asBoolean();
        call.initiateOut = s.path("initiateOut").asBoolean();
        if (s.path("toPeerOpen").asBoolean()) {
            call.toPeer.open();
        }
        if (s.path("toBrowserOpen").asBoolean()) {
            call.toBrowser.open();
        }
        call.remoteSdp = s.hasNonNull("remoteSdp") ? s.get("remoteSdp").asText() : null;
        List<String> mids = new java.util.ArrayList<>();
        s.path("remoteMids").forEach(m -> mids.add(m.asText()));
        call.remoteMids = List.copyOf(mids);
        call.remoteRole = s.hasNonNull("remoteRole") ? Setup.valueOf(s.get("remoteRole").asText()) : null;
        try {
            call.browserOffer = s.hasNonNull("browserOffer")
                    ? SdpParser.parse(s.get("browserOffer").asText()).value() : null;
            call.pendingInitiate = s.hasNonNull("pendingInitiate")
                    ? JingleReader.read(s.get("pendingInitiate").asText()) : null;
        } catch (SdpParseException | JingleParseException e) {
            throw new IllegalStateException("a call's snapshot does not parse again: " + e.getMessage(), e);
        }
        call.contents.readFrom(s.path("contents"));
        call.ice.readFrom(s.path("ice"));
        return call;
    }

    /** "outgoing and pending", for refusals. */
    String describe() {
        return (outgoing ? "outgoing" : "incoming") + " and " + state.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "call " + callId + " (sid " + sid + ", " + (outgoing ? "to " : "from ") + peerOrBare() + ", " + state
                + ")";
    }
}
