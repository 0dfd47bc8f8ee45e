package org.jinglegateway.xmpp;

import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter for reconnecting: min, 2*min, 4*min ... up to max, each scaled by a
 * random factor in [0.5, 1.0] ("equal jitter") so that many gateways do not reconnect in lockstep.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(long minMillis, long maxMillis, DoubleSupplier random) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("need 0 < min <= max, found min=" + minMillis + " max=" + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The delay before the next attempt. */
    public long nextDelayMillis() {
        long ceiling = minMillis << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        attempt++;
        long half = ceiling / 2;
        return Math.max(minMillis / 2, half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** Call after a connection that worked, so the next failure starts from the minimum again. */
    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
