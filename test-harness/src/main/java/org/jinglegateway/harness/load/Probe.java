package org.jinglegateway.harness.load;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Latency probes: one call at a time between a probe device and a probe c2s client (or, for the server's own
 * route, between two c2s clients), so each message is timed from the moment it is sent to the moment the other
 * side has read it, with nothing else of the probe's in flight. Every kind is recorded under its name in
 * {@link Latencies}: {@code offer→session-initiate} is a browser {@code call} frame until the c2s client read the
 * session-initiate; {@code direct session-initiate} the same stanza sent by one c2s client to another.
 */
final class Probe {
    private static final long TIMEOUT_SECONDS = 60;

    private final Payloads payloads;
    private final WsDevice device;
    private final C2sClient peer;
    private final C2sClient directA;
    private final C2sClient directB;
    private final BlockingQueue<WsDevice.Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<C2sClient.Stanza> stanzas = new LinkedBlockingQueue<>();
    private final BlockingQueue<C2sClient.Stanza> atA = new LinkedBlockingQueue<>();
    private final BlockingQueue<C2sClient.Stanza> atB = new LinkedBlockingQueue<>();
    private int next;

    Probe(Payloads payloads, WsDevice device, C2sClient peer, C2sClient directA, C2sClient directB) {
        this.payloads = payloads;
        this.device = device;
        this.peer = peer;
        this.directA = directA;
        this.directB = directB;
        device.handler(frames::add);
        peer.handler(stanzas::add);
        directA.handler(atA::add);
        directB.handler(atB::add);
    }

    /** {@code rounds} times: each of the four call shapes through the gateway, and the direct route once. */
    void run(int rounds, Latencies into) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            placedToFullJid(into);
            receivedFromFullJid(into);
            placedToBareJid(into);
            receivedFromBareJid(into);
            direct(into);
        }
    }

    /** Browser calls the c2s client's full JID: a direct session-initiate. */
    private void placedToFullJid(Latencies l) throws InterruptedException {
        String callId = "p" + (++next);
        long t0 = System.nanoTime();
        device.call(callId, peer.jid());
        C2sClient.Stanza si = take(stanzas, s -> s.jingle("session-initiate"), "session-initiate");
        l.record("offer→session-initiate", si.nanos() - t0);
        answerAndTalk(l, callId, si.from(), si.sid(), true);
        long t4 = System.nanoTime();
        device.hangup(callId);
        C2sClient.Stanza st = take(stanzas, s -> s.jingle("session-terminate"), "session-terminate");
        l.record("hangup→session-terminate", st.nanos() - t4);
    }

    /** The c2s client accepts, sends a candidate, and gets the browser's candidate. */
    private void answerAndTalk(Latencies l, String callId, String to, String sid, boolean browserPlaced)
            throws InterruptedException {
        long t1 = System.nanoTime();
        peer.send(payloads.accept.iq(to, peer.nextId(), sid));
        WsDevice.Frame answer = take(frames, f -> "answer".equals(f.type()) && callId.equals(f.callId()), "answer");
        l.record("session-accept→answer", answer.nanos() - t1);
        candidates(l, callId, to, sid, browserPlaced);
    }

    private void candidates(Latencies l, String callId, String to, String sid, boolean browserPlaced)
            throws InterruptedException {
        long t2 = System.nanoTime();
        peer.send((browserPlaced ? payloads.responderCandidate : payloads.initiatorCandidate).iq(to, peer.nextId(),
                sid));
        WsDevice.Frame c = take(frames, f -> "candidate".equals(f.type()) && callId.equals(f.callId()), "candidate");
        l.record("transport-info→candidate", c.nanos() - t2);
        long t3 = System.nanoTime();
        device.candidate(callId, browserPlaced);
        C2sClient.Stanza ti = take(stanzas, s -> s.jingle("transport-info"), "transport-info");
        l.record("candidate→transport-info", ti.nanos() - t3);
    }

    /** The c2s client calls the device's full JID with a session-initiate; the browser answers. */
    private void receivedFromFullJid(Latencies l) throws InterruptedException {
        String sid = "ps" + (++next);
        long t0 = System.nanoTime();
        peer.send(payloads.initiate.iq(device.jid(), peer.nextId(), sid));
        WsDevice.Frame offer = take(frames, f -> "offer".equals(f.type()), "offer");
        l.record("session-initiate→offer", offer.nanos() - t0);
        answeredByBrowser(l, offer.callId(), sid);
    }

    private void answeredByBrowser(Latencies l, String callId, String sid) throws InterruptedException {
        long t1 = System.nanoTime();
        device.answer(callId);
        C2sClient.Stanza sa = take(stanzas, s -> s.jingle("session-accept"), "session-accept");
        l.record("answer→session-accept", sa.nanos() - t1);
        candidates(l, callId, device.jid(), sid, false);
        long t4 = System.nanoTime();
        peer.send(payloads.terminate.iq(device.jid(), peer.nextId(), sid));
        take(frames, f -> "hangup".equals(f.type()) && callId.equals(f.callId()), "hangup");
        l.record("session-terminate→hangup", System.nanoTime() - t4);
    }

    /** Browser calls the c2s user's bare JID: XEP-0353 propose, proceed, then the session-initiate. */
    private void placedToBareJid(Latencies l) throws InterruptedException {
        String callId = "p" + (++next);
        long t0 = System.nanoTime();
        device.call(callId, peer.bare());
        C2sClient.Stanza propose = take(stanzas, s -> s.message("propose"), "propose");
        l.record("call→propose", propose.nanos() - t0);
        long t1 = System.nanoTime();
        peer.send(Payloads.proceed(propose.from(), propose.childId()));
        C2sClient.Stanza si = take(stanzas, s -> s.jingle("session-initiate"), "session-initiate");
        l.record("proceed→session-initiate", si.nanos() - t1);
        answerAndTalk(l, callId, si.from(), si.sid(), true);
        long t4 = System.nanoTime();
        device.hangup(callId);
        C2sClient.Stanza st = take(stanzas, s -> s.jingle("session-terminate"), "session-terminate");
        l.record("hangup→session-terminate", st.nanos() - t4);
    }

    /** The c2s client proposes to the browser user's bare JID; the device accepts and gets the offer. */
    private void receivedFromBareJid(Latencies l) throws InterruptedException {
        String sid = "pj" + (++next);
        String bareUser = device.jid().substring(0, device.jid().indexOf('/'));
        long t0 = System.nanoTime();
        peer.send(Payloads.propose(bareUser, sid));
        WsDevice.Frame ring = take(frames, f -> "ring".equals(f.type()), "ring");
        l.record("propose→ring", ring.nanos() - t0);
        long t1 = System.nanoTime();
        device.accept(ring.callId());
        C2sClient.Stanza proceed = take(stanzas, s -> s.message("proceed"), "proceed");
        l.record("accept→proceed", proceed.nanos() - t1);
        long t2 = System.nanoTime();
        peer.send(payloads.initiate.iq(proceed.from(), peer.nextId(), sid));
        WsDevice.Frame offer = take(frames, f -> "offer".equals(f.type()) && ring.callId().equals(f.callId()),
                "offer");
        l.record("session-initiate→offer", offer.nanos() - t2);
        answeredByBrowser(l, offer.callId(), sid);
    }

    /** The same stanzas from one c2s client to another: the server's own route. */
    private void direct(Latencies l) throws InterruptedException {
        String sid = "pd" + (++next);
        long t0 = System.nanoTime();
        directA.send(payloads.initiate.iq(directB.jid(), directA.nextId(), sid));
        l.record("direct session-initiate", take(atB, s -> s.jingle("session-initiate"), "direct").nanos() - t0);
        long t1 = System.nanoTime();
        directB.send(payloads.accept.iq(directA.jid(), directB.nextId(), sid));
        l.record("direct session-accept", take(atA, s -> s.jingle("session-accept"), "direct").nanos() - t1);
        long t2 = System.nanoTime();
        directA.send(payloads.initiatorCandidate.iq(directB.jid(), directA.nextId(), sid));
        l.record("direct transport-info", take(atB, s -> s.jingle("transport-info"), "direct").nanos() - t2);
        long t3 = System.nanoTime();
        directA.send(Payloads.propose(directB.bare(), sid));
        l.record("direct propose", take(atB, s -> s.message("propose"), "direct").nanos() - t3);
        long t4 = System.nanoTime();
        directA.send(payloads.terminate.iq(directB.jid(), directA.nextId(), sid));
        l.record("direct session-terminate", take(atB, s -> s.jingle("session-terminate"), "direct").nanos() - t4);
    }

    /** The next item that matches, dropping others (IQ results, ringing); an error frame or IQ error fails. */
    private static <T> T take(BlockingQueue<T> q, Predicate<T> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            T item = q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new IllegalStateException("probe: no " + what + " within " + TIMEOUT_SECONDS + " s");
            }
            if (wanted.test(item)) {
                return item;
            }
            if (item instanceof WsDevice.Frame f && "error".equals(f.type())) {
                throw new IllegalStateException("probe: waiting for " + what + ", the gateway sent " + f.json());
            }
            if (item instanceof C2sClient.Stanza s && "error".equals(s.type())) {
                throw new IllegalStateException("probe: waiting for " + what + ", got an error " + s);
            }
        }
    }
}
