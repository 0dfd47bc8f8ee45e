package org.jinglegateway.call;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * A pool for tests that behaves like the production one where order is concerned: every task is queued, and the
 * thread that finds the queue idle runs it to the end. So a task that submits another (a nested onLane) has finished
 * before the other starts, as on a real pool, and everything an event set off has run when the event returns.
 */
final class QueueingExecutor implements Executor {
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        return;
                    }
                }
                next.run();
            }
        } finally {
            synchronized (this) {
                draining = false;
            }
        }
    }
}
