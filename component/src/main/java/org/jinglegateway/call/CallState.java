package org.jinglegateway.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a call is. The allowed transitions are this table and nothing else; a bad one fails naming both states.
 * PROPOSED: an XEP-0353 propose is out (or in) and nobody has proceeded yet; RINGING: the far end said it rings;
 * PENDING: session-initiate sent or received, no session-accept yet; ACTIVE: accepted; ENDED: over.
 */
public enum CallState {
    PROPOSED, RINGING, PENDING, ACTIVE, ENDED;

    private Set<CallState> next() {
        return switch (this) {
            case PROPOSED -> EnumSet.of(RINGING, PENDING, ENDED);
            case RINGING -> EnumSet.of(PENDING, ENDED);
            case PENDING -> EnumSet.of(ACTIVE, ENDED);
            case ACTIVE -> EnumSet.of(ENDED);
            case ENDED -> EnumSet.noneOf(CallState.class);
        };
    }

    /** The state after a move to {@code target}; throws when the table does not allow it. */
    public CallState to(CallState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("a call cannot go from " + this + " to " + target);
        }
        return target;
    }

    public boolean canGo(CallState target) {
        return next().contains(target);
    }
}
