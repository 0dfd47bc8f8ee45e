package org.jinglegateway.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jinglegateway.limits.Budgets;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The call layer as the rest of the gateway sees it: browser frames and XMPP stanzas in, frames and stanzas out.
 * Routing ({@link BrowserRouter}, {@link XmppRouter}) runs on the caller's thread and only looks things up in the
 * {@link CallRegistry}; everything a call does runs on that call's serial lane, so calls never block each other and
 * one call's events never overtake each other (STYLE.md §8).
 */
public final class CallService {
    private final CallContext context;
    private final BrowserRouter browsers;
    private final XmppRouter xmpp;
    private final AdminView admin;
    private final Endings endings;
    private final LinkGap link;

    public CallService(String domain, DeviceRegistry devices, XmppSender xmpp, ScheduledExecutorService timers,
                       Executor pool, Duration ringTimeout) {
        this(domain, devices, xmpp, Timers.of(timers), pool, ringTimeout);
    }

    CallService(String domain, DeviceRegistry devices, XmppSender xmppSender, Timers timers, Executor pool,
                Duration ringTimeout) {
        this.context = new CallContext(domain, devices, xmppSender, timers, pool, ringTimeout);
        Outbox out = new Outbox(context);
        this.endings = new Endings(context, out);
        context.endings(endings);
        IceRestarts restarts = new IceRestarts(context, out);
        this.browsers = new BrowserRouter(context, new BrowserEvents(context, out, endings, restarts));
        this.xmpp = new XmppRouter(context, new PeerEvents(context, out, endings, restarts),
                new PeerInitiates(context, out, endings), new PeerReplies(out, endings, restarts), endings);
        this.admin = new AdminView(context, endings);
        this.link = new LinkGap(context, endings);
    }

    public String domain() {
        return context.domain;
    }

    public DeviceRegistry devices() {
        return context.devices;
    }

    public void setListener(CallListener callListener) {
        context.listener(callListener);
    }

    /** What a device, socket or peer may cost (limits.*). */
    public void setBudgets(Budgets budgets) {
        context.budgets(budgets);
    }

    public Budgets budgets() {
        return context.budgets();
    }

    /** Calls in memory in a state (for metrics). */
    public long count(CallState state) {
        return context.calls.all().stream().filter(c -> c.state() == state).count();
    }

    /** Calls in memory (for tests, metrics and the admin commands). */
    public int size() {
        return context.calls.size();
    }

    // ---- browser side -------------------------------------------------------------------------------------------

    /** A decoded call frame from a registered device (docs/protocol.md); problems are answered with an error frame. */
    public void onFrame(Device device, BrowserFrame.ForCall frame) {
        browsers.onFrame(device, frame);
    }

    /** A call frame the decoder refused, from a registered device: answered once the checks before it pass. */
    public void refuse(Device device, FrameRefusal refusal) {
        browsers.refuse(device, refusal);
    }

    /** A device's socket closed: its calls end with {@code gone} (docs/protocol.md). */
    public void deviceGone(Device device) {
        deviceGone(device, "the browser disconnected");
    }

    /** A device is gone: its calls end with {@code gone} and this text for the peer. */
    public void deviceGone(Device device, String text) {
        browsers.deviceGone(device, text);
    }

    /** The shared state, for the device layer of this package ({@link DeviceSessions}). */
    CallContext context() {
        return context;
    }

    // ---- XMPP side ----------------------------------------------------------------------------------------------

    /**
     * An IQ for the call layer: a Jingle set, or the answer to one we sent. Returns false when it is neither, so
     * the component answers it.
     */
    public boolean onIq(IQ iq) {
        return xmpp.onIq(iq);
    }

    /** A message for the call layer (XEP-0353). Returns false when it carries no Jingle message. */
    public boolean onMessage(Message message) {
        return xmpp.onMessage(message);
    }

    /** A peer device went offline: its calls end with {@code gone}. */
    public void onPeerUnavailable(JID full) {
        xmpp.onPeerUnavailable(full);
    }

    /** A peer's XEP-0115 caps node, seen in its presence: picks its row of the quirk table. */
    public void onPeerCaps(JID full, String node) {
        context.peers.caps(full, node);
    }

    /**
     * A peer's XEP-0115 caps, seen in a presence addressed to {@code to}: picks its row of the quirk table, and the
     * first time the device announces this hash, asks its disco#info (from {@code to}), whose feature list then
     * decides whether a data channel may go to it.
     */
    public void onPeerCaps(JID full, JID to, String node, String ver) {
        onPeerCaps(full, node);
        context.peers.askFeatures(full, to, node, ver).ifPresent(context::send);
    }

    /**
     * The XMPP link dropped: calls go on while the gateway reconnects (what they send is held), and end on both sides
     * with {@code connectivity-error} when the link stays down longer than the resume window (docs/calls.md).
     */
    public void onXmppDown() {
        link.down();
    }

    /** The XMPP link is back (what was held has been sent): the calls go on. */
    public void onXmppUp() {
        link.up();
    }

    /** {@code xmpp.resume-seconds}: how long calls outlive a drop of the XMPP link. */
    public void setLinkResume(Duration window) {
        link.window(window);
    }

    /** What was held for the XMPP link passed its bound and is gone: the calls with XMPP peers end now. */
    public void onHeldOverflow() {
        link.endCalls("more was held for the XMPP server than the gateway keeps while the link is down");
    }

    // ---- configuration and administration -----------------------------------------------------------------------

    /** A reloaded {@code calls.ring-timeout-seconds}: calls that start from now on use it. */
    public void setRingTimeout(Duration timeout) {
        context.ringTimeout(timeout);
    }

    /** What an administrator sees of a call (XEP-0050 list). */
    public record CallInfo(String id, String device, String peer, String state, boolean outgoing, Instant since) {
    }

    /**
     * SIGTERM, first step (docs/protocol.md §9): from now on a browser's {@code call} gets {@code shutting-down}, a
     * session-initiate a session-terminate with busy, a propose a reject with busy. Calls under way go on.
     */
    public void stopTakingCalls() {
        context.stopTakingCalls();
    }

    /** SIGTERM, last step: every call left is ended on both sides with this reason and text. */
    public void endAll(String reason, String text) {
        for (Call call : context.calls.all()) {
            context.onLane(call, c -> endings.endOnBothSides(c, reason, Optional.of(text)));
        }
    }

    /** The calls in memory, for the admin commands; {@code id} is what {@link #endCall} takes. */
    public List<CallInfo> calls(Clock clock) {
        return admin.calls(clock);
    }

    /** Ends a call on an administrator's word: both sides are told, with the reason and who ended it. */
    public boolean endCall(String id, String reason) {
        return admin.endCall(id, reason);
    }
}
