package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;

/**
 * Candidates for one side of a call, held until that side is ready for them: a peer before it has our
 * session-initiate or -accept (XEP-0176 §6.1), a browser before it has the remote description they belong to.
 * Lane-confined, like the {@link Call} that owns it.
 */
final class HoldBack<T> {
    private Readiness readiness = Readiness.HOLDING;
    private final List<T> held = new ArrayList<>();

    Readiness readiness() {
        return readiness;
    }

    /** Keeps {@code item} while the side is not ready; false when it is, and the caller sends the item at once. */
    boolean holdIfNotReady(T item) {
        if (readiness == Readiness.OPEN) {
            return false;
        }
        held.add(item);
        return true;
    }

    /** The side is ready now: what was held, in order, for the caller to send; refuses when it already was. */
    List<T> open() {
        readiness = readiness.to(Readiness.OPEN);
        List<T> out = List.copyOf(held);
        held.clear();
        return out;
    }
}
