package org.jinglegateway.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether one side of a call may receive candidates yet (a {@link HoldBack}'s state). The allowed moves are this table
 * and nothing else; a bad one fails naming both states.
 */
enum Readiness {
    /** The side does not have the description the candidates belong to: they are held. */
    HOLDING,
    /** The side has it: held candidates have gone out and new ones go at once. */
    OPEN;

    private Set<Readiness> next() {
        return switch (this) {
            case HOLDING -> EnumSet.of(OPEN);
            case OPEN -> EnumSet.noneOf(Readiness.class);
        };
    }

    /** The state after a move to {@code target}; throws when the table does not allow it. */
    Readiness to(Readiness target) {
        if (!canGo(target)) {
            throw new IllegalStateException("a hold-back queue cannot go from " + this + " to " + target);
        }
        return target;
    }

    boolean canGo(Readiness target) {
        return next().contains(target);
    }
}
