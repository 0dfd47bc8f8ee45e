package org.jinglegateway.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers on a clock that only moves when a test says so: no waiting, no real scheduler. */
final class ManualTimers implements Timers {
    private Duration now = Duration.ZERO;
    private final List<Entry> entries = new ArrayList<>();
    private long order;

    private final class Entry implements Timer {
        final Duration due;
        final long seq = order++;
        final Runnable task;
        boolean cancelled;

        Entry(Duration due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() {
            synchronized (ManualTimers.this) {
                cancelled = true;
            }
        }
    }

    @Override
    public synchronized Timer after(Duration delay, Runnable task) {
        Entry e = new Entry(now.plus(delay), task);
        entries.add(e);
        return e;
    }

    /** Moves the clock on and runs, in order, every task that falls due on the way. */
    void advance(Duration by) {
        Duration target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = entries.stream().filter(e -> !e.cancelled && e.due.compareTo(target) <= 0)
                        .min(Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                entries.remove(next);
                now = next.due;
            }
            next.task.run();
        }
    }

    /** Timers set and neither run nor cancelled. */
    synchronized long pending() {
        return entries.stream().filter(e -> !e.cancelled).count();
    }
}
