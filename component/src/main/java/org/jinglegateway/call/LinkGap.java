package org.jinglegateway.call;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop of the XEP-0114 link (docs/calls.md, "Link drops"): calls go on for the resume window while the connector
 * reconnects and holds what they send; when the window closes first, every call with an XMPP peer ends on both
 * sides with {@code connectivity-error}: the browser hears it at once, the peer when the link returns (its
 * session-terminate, retract or reject waits with the rest). Calls between two browser users never leave the gateway
 * and go on.
 */
final class LinkGap {
    private static final Logger log = LoggerFactory.getLogger(LinkGap.class);
    static final String REASON = "connectivity-error";

    private final CallContext context;
    private final Endings endings;
    private volatile Duration window = Duration.ofSeconds(30);
    /** The running resume window; null while the link is up. Guarded by this. */
    private Timers.Timer timer;

    LinkGap(CallContext context, Endings endings) {
        this.context = context;
        this.endings = endings;
    }

    void window(Duration resume) {
        this.window = resume;
    }

    synchronized void down() {
        if (timer != null) {
            return;
        }
        Duration w = window;
        log.info("xmpp.link-down calls={} resume-seconds={}", context.calls.size(), w.toSeconds());
        timer = context.after(w, this::expired);
    }

    synchronized void up() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            log.info("xmpp.link-up calls={}", context.calls.size());
        }
    }

    private void expired() {
        synchronized (this) {
            if (timer == null) {
                return;
            }
        }
        endCalls("the gateway's link to the XMPP server has been down for more than " + window.toSeconds() + " s");
    }

    /** Ends every call with an XMPP peer on both sides; what goes to the peers waits for the link. */
    void endCalls(String text) {
        int n = 0;
        for (Call call : context.calls.all()) {
            if (call.peerBare.getDomain().equals(context.domain)) {
                continue; // a call between two browser users never leaves the gateway
            }
            n++;
            context.onLane(call, c -> endings.endOnBothSides(c, REASON, Optional.of(text)));
        }
        log.warn("xmpp.link-calls-ended calls={}: {}", n, text);
    }
}
