package org.jinglegateway.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an active call's ICE restart is (RFC 8445 §9 over XEP-0176 transport-info, Conversations' convention: the
 * offer is a transport-info with new credentials, the answer is the other side's transport-info with its own). The
 * allowed moves are this table and nothing else; a bad one fails naming both states.
 */
enum IceRestartState {
    /** No restart under way. */
    NONE,
    /** The browser offered a restart; the peer has not acknowledged the transport-info that carried it. */
    BROWSER_OFFERED,
    /**
     * The peer acknowledged the browser's restart, so a restart-shaped transport-info from it now is the answer;
     * before that, such a transport-info crossed ours (glare).
     */
    BROWSER_OFFER_SEEN_BY_PEER,
    /** The peer offered a restart; the browser owes the answer. */
    PEER_OFFERED;

    private Set<IceRestartState> next() {
        return switch (this) {
            case NONE -> EnumSet.of(BROWSER_OFFERED, PEER_OFFERED);
            case BROWSER_OFFERED -> EnumSet.of(BROWSER_OFFER_SEEN_BY_PEER, NONE);
            case BROWSER_OFFER_SEEN_BY_PEER -> EnumSet.of(NONE);
            // a peer may restart again before the browser answered: the newer offer replaces the older
            case PEER_OFFERED -> EnumSet.of(PEER_OFFERED, NONE);
        };
    }

    /** The state after a move to {@code target}; throws when the table does not allow it. */
    IceRestartState to(IceRestartState target) {
        if (!canGo(target)) {
            throw new IllegalStateException("an ICE restart cannot go from " + this + " to " + target);
        }
        return target;
    }

    boolean canGo(IceRestartState target) {
        return next().contains(target);
    }
}
