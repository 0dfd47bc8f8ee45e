package org.jinglegateway.call;

import java.time.Duration;

/**
 * How long a device whose socket dropped stays online for a resume ({@code calls.resume-seconds}; zero: it goes at
 * once) and how much it may hold for the browser meanwhile ({@code limits.held-frames}, {@code
 * limits.held-frame-bytes}, UTF-8 bytes). docs/protocol.md §8.
 */
public record ResumePolicy(Duration window, int maxHeldFrames, long maxHeldBytes) {
    public ResumePolicy {
        if (window.isNegative() || maxHeldFrames < 1 || maxHeldBytes < 1) {
            throw new IllegalArgumentException("a resume window of 0 or more and held bounds of 1 or more, found "
                    + window + ", " + maxHeldFrames + ", " + maxHeldBytes);
        }
    }

    /** Resume off: a closed socket's device goes at once. */
    public static ResumePolicy off() {
        return new ResumePolicy(Duration.ZERO, 1, 1);
    }

    public boolean enabled() {
        return !window.isZero();
    }
}
