package org.jinglegateway.harness.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * What a test client has received, in arrival order. {@link #await} takes the first item that matches and leaves
 * every other item for a later call, so a test can wait for things in the order it cares about. A timeout fails
 * with everything received so far, which is what a reader of a failed scenario needs to see.
 *
 * @param <T> the received item (a JSON frame, a stanza)
 */
public final class Inbox<T> {
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<T> pending = new ArrayList<>();
    private final List<T> history = new ArrayList<>();

    public Inbox(String name) {
        this.name = name;
    }

    public void add(T item) {
        lock.lock();
        try {
            pending.add(item);
            history.add(item);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the first item (received or still to come) that matches, or fails after the timeout. */
    public T await(Predicate<? super T> match, Duration timeout, String description) {
        return await(match, item -> false, timeout, description);
    }

    /**
     * Like {@link #await(Predicate, Duration, String)}, but fails at once when an item that matches {@code fatal}
     * is waiting (and does not match {@code match}): a scenario stops at the first error instead of timing out.
     */
    public T await(Predicate<? super T> match, Predicate<? super T> fatal, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<T> it = pending.iterator(); it.hasNext();) {
                    T item = it.next();
                    if (match.test(item)) {
                        it.remove();
                        return item;
                    }
                }
                for (T item : pending) {
                    if (fatal.test(item)) {
                        throw new AssertionError("waiting for " + description + " at " + name + ", got " + item
                                + " instead; received so far (oldest first):" + describe(history));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + description
                            + " at " + name + "; received so far (oldest first):" + describe(history));
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + description + " at " + name, e);
        } finally {
            lock.unlock();
        }
    }

    /** Every item received so far, taken or not, oldest first. */
    public List<T> history() {
        lock.lock();
        try {
            return List.copyOf(history);
        } finally {
            lock.unlock();
        }
    }

    /** The items no {@link #await} has taken yet, oldest first. */
    public List<T> pending() {
        lock.lock();
        try {
            return List.copyOf(pending);
        } finally {
            lock.unlock();
        }
    }

    private static String describe(List<?> items) {
        if (items.isEmpty()) {
            return " (nothing)";
        }
        StringBuilder b = new StringBuilder();
        for (Object item : items) {
            b.append("\n  ").append(item);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
