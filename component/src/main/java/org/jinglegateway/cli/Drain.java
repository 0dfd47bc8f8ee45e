package org.jinglegateway.cli;

import java.time.Duration;
import org.jinglegateway.call.CallService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does before the gateway closes its connections (docs/protocol.md §9): no new calls,
 * a grace period for the calls under way to end by themselves, then the rest ended on both sides, so that no
 * browser and no XMPP peer is left in a call the gateway no longer runs.
 */
final class Drain {
    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** How long the last endings may take to leave (each is a stanza and a frame on the call's lane). */
    private static final Duration LAST_WORDS = Duration.ofSeconds(3);
    /** The reason the calls still going on end with: the gateway that carries their signaling goes away. */
    static final String REASON = "connectivity-error";
    static final String TEXT = "the gateway is shutting down";

    private Drain() {
    }

    static void run(CallService calls, Duration grace) {
        calls.stopTakingCalls();
        log.info("shutdown.draining calls={} grace-seconds={}", calls.size(), grace.toSeconds());
        if (!awaitNoCalls(calls, grace)) {
            log.info("shutdown.ending calls={}", calls.size());
            calls.endAll(REASON, TEXT);
            if (!awaitNoCalls(calls, LAST_WORDS)) {
                log.warn("shutdown.calls-left calls={}", calls.size());
            }
        }
    }

    private static boolean awaitNoCalls(CallService calls, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (calls.size() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return calls.size() == 0;
            }
        }
        return true;
    }
}
