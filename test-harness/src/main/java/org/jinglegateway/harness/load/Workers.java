package org.jinglegateway.harness.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls in bulk: worker devices call worker c2s clients' full JIDs at a given rate; the c2s side answers every
 * session-initiate with Conversations' session-accept and one candidate, the device sends one candidate back once
 * answered. Then the call is either hung up at once (background load, throughput) or held (calls held at once).
 * Setup time is the browser's {@code call} frame until its {@code answer} frame. Nothing here waits: the c2s
 * readers and the WebSocket listeners answer as things arrive.
 */
final class Workers {
    private final Payloads payloads;
    private final List<WsDevice> devices;
    private final List<C2sClient> peers;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private volatile boolean hold;
    private volatile Latencies setup = new Latencies();
    private volatile String firstRefusal;

    Workers(Payloads payloads, List<WsDevice> devices, List<C2sClient> peers) {
        this.payloads = payloads;
        this.devices = devices;
        this.peers = peers;
        for (WsDevice d : devices) {
            d.handler(f -> onFrame(d, f));
        }
        for (C2sClient p : peers) {
            p.handler(s -> onStanza(p, s));
        }
    }

    private void onFrame(WsDevice d, WsDevice.Frame f) {
        switch (f.type()) {
            case "answer" -> {
                Long sent = pending.remove(f.callId());
                if (sent == null) {
                    return;
                }
                setup.record("setup", f.nanos() - sent);
                d.candidate(f.callId(), true);
                if (!hold) {
                    d.hangup(f.callId());
                }
                answered.incrementAndGet();
            }
            case "error" -> {
                if (f.callId() != null && pending.remove(f.callId()) != null) {
                    refused.incrementAndGet();
                }
                if (firstRefusal == null) {
                    firstRefusal = f.json().toString();
                }
            }
            case "hangup" -> ended.incrementAndGet();
            default -> {
            }
        }
    }

    private void onStanza(C2sClient p, C2sClient.Stanza s) {
        if (s.jingle("session-initiate")) {
            p.send(payloads.accept.iq(s.from(), p.nextId(), s.sid()));
            p.send(payloads.responderCandidate.iq(s.from(), p.nextId(), s.sid()));
        } else if (s.message("propose")) {
            p.send(Payloads.proceed(s.from(), s.childId()));
        }
    }

    /** Hold answered calls (true) or hang each up as soon as it is answered (false). */
    void hold(boolean value) {
        this.hold = value;
    }

    /** Starts a new set of setup times and returns the old one. */
    Latencies resetSetup() {
        Latencies old = setup;
        setup = new Latencies();
        return old;
    }

    /** Places one call from the next device to the next c2s client (round robin over both). */
    void placeOne() {
        long n = placed.incrementAndGet();
        WsDevice d = devices.get((int) (n % devices.size()));
        C2sClient p = peers.get((int) ((n / devices.size()) % peers.size()));
        String callId = "w" + n;
        pending.put(callId, System.nanoTime());
        d.call(callId, p.jid());
    }

    /**
     * Places calls at this rate (a second) until count calls are placed or the seconds are up, whichever comes
     * first; returns the calls placed.
     */
    long pace(double rate, long count, double seconds) throws InterruptedException {
        return pace(rate, count, seconds, Integer.MAX_VALUE);
    }

    /**
     * As {@link #pace(double, long, double)}, but never with more than {@code window} calls waiting for their
     * answer: building up held calls on a busy machine then goes as fast as the machine allows instead of queueing.
     */
    long pace(double rate, long count, double seconds, int window) throws InterruptedException {
        long start = System.nanoTime();
        long done = 0;
        while (done < count) {
            if (pending.size() >= window) {
                Thread.sleep(1);
                continue;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= seconds) {
                break;
            }
            long due = Math.min(count, (long) (rate * elapsed) + 1);
            while (done < due && pending.size() < window) {
                placeOne();
                done++;
            }
            Thread.sleep(1);
        }
        return done;
    }

    /** Waits until no call is waiting for its answer, at most this long; returns the calls still waiting. */
    int drain(double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!pending.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return pending.size();
    }

    /** Forgets calls that never got an answer (counted as lost by the caller). */
    int forgetPending() {
        int n = pending.size();
        pending.clear();
        return n;
    }

    long placed() {
        return placed.get();
    }

    long answered() {
        return answered.get();
    }

    long refused() {
        return refused.get();
    }

    /** Hangup frames the gateway sent to worker devices (held calls that ended on their own). */
    long ended() {
        return ended.get();
    }

    String firstRefusal() {
        return firstRefusal;
    }
}
