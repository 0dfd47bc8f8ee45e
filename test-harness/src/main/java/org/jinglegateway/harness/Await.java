package org.jinglegateway.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a timeout: the harness never sleeps blindly. */
public final class Await {
    private Await() {
    }

    /** Waits until the condition holds, or fails with the description after the timeout. */
    public static void until(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + description);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + description, e);
            }
        }
    }
}
