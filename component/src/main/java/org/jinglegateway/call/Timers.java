package org.jinglegateway.call;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: a scheduled executor in production, a hand-moved clock in tests. */
interface Timers {
    /** A scheduled task that may still be cancelled. */
    interface Timer {
        void cancel();
    }

    Timer after(Duration delay, Runnable task);

    static Timers of(ScheduledExecutorService scheduler) {
        return (delay, task) -> {
            ScheduledFuture<?> f = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
