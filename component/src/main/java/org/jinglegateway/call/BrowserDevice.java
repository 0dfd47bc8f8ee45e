package org.jinglegateway.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jinglegateway.limits.Utf8;
import org.xmpp.packet.JID;

/**
 * A registered browser device, apart from the socket that carries it now (docs/protocol.md §8). While it has a
 * socket its frames go out at once. When the socket drops the device is <em>away</em>: it stays online for XMPP, its
 * calls go on, and what the gateway sends it is held, in order and bounded ({@link ResumePolicy}), until a new socket
 * resumes it ({@link #resumeOn}, which replays the held frames after the greeting) or {@link DeviceSessions} drops it.
 * Every change and every frame goes through this object's lock, so the greeting comes first, the held frames next
 * and a call's new frames after them, whichever threads send.
 */
public final class BrowserDevice implements Device {
    /** What a device can be: carried by a socket, away (held for a resume), or gone for good. */
    enum State { CONNECTED, AWAY, GONE }

    /** Told when the device must go at once: its held frames passed the bounds, or an administrator ended it. */
    interface Loss {
        void lost(BrowserDevice device, String why, String text);
    }

    /** What a resume did: the socket it took the device from (still open, to be closed), frames replayed. */
    record Resumed(Optional<DeviceLink> replaced, int replayed) {
    }

    private final JID jid;
    private final ResumePolicy policy;
    private final Loss loss;
    /** A frame held while away, with its UTF-8 size counted once. */
    private record Held(String text, long bytes) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private DeviceLink link;
    private State state = State.CONNECTED;
    /** Counts the times the device went away, so that a late expiry of an earlier absence does nothing. */
    private long absences;
    private Timers.Timer expiry;
    /** The key of the device's current resume token in {@link DeviceSessions} (a hash, never the token). */
    private String tokenKey;
    private boolean overflowed;

    BrowserDevice(JID jid, ResumePolicy policy, Loss loss, DeviceLink link) {
        this.jid = jid;
        this.policy = policy;
        this.loss = loss;
        this.link = link;
    }

    @Override
    public JID jid() {
        return jid;
    }

    /** Sends a frame on the socket, or holds it while there is none (or the socket takes no more). */
    @Override
    public void send(ObjectNode frame) {
        sendText(frame.toString());
    }

    /** Sends a frame already written as text (held frames handed over from another instance). */
    void sendText(String text) {
        boolean lost;
        synchronized (this) {
            if (state == State.GONE) {
                return;
            }
            if (link != null && held.isEmpty() && link.offer(text)) {
                return;
            }
            lost = !hold(text) && !overflowed;
            overflowed |= lost;
        }
        if (lost) {
            loss.lost(this, "held-frames", "the browser was away and more frames waited for it than"
                    + " limits.held-frames or limits.held-frame-bytes allow");
        }
    }

    private boolean hold(String text) {
        long bytes = Utf8.length(text);
        if (held.size() >= policy.maxHeldFrames() || heldBytes + bytes > policy.maxHeldBytes()) {
            return false;
        }
        held.addLast(new Held(text, bytes));
        heldBytes += bytes;
        return true;
    }

    /** An administrator ends the device: its socket closes (1008) and it goes at once, with no resume. */
    @Override
    public void disconnect(String reason) {
        DeviceLink l;
        synchronized (this) {
            l = link;
        }
        if (l != null) {
            l.close(DeviceSessions.POLICY_VIOLATION, reason);
        }
        loss.lost(this, "disconnected", reason);
    }

    /** True when {@code l} is the socket that carries the device now. */
    public synchronized boolean carriedBy(DeviceLink l) {
        return link == l && state == State.CONNECTED;
    }

    synchronized boolean away() {
        return state == State.AWAY;
    }

    /** The socket {@code l} dropped: the device is away from now on; empty when {@code l} no longer carried it. */
    synchronized OptionalLong detach(DeviceLink l) {
        if (link != l || state != State.CONNECTED) {
            return OptionalLong.empty();
        }
        link = null;
        state = State.AWAY;
        return OptionalLong.of(++absences);
    }

    /** Remembers the timer that ends this absence, unless the absence is over already. */
    synchronized void expiresWith(long absence, Timers.Timer timer) {
        if (state == State.AWAY && absences == absence) {
            expiry = timer;
        } else {
            timer.cancel();
        }
    }

    /** Gone, if it is still away since {@code absence}; true when this call made it gone. */
    synchronized boolean goneIfAway(long absence) {
        return state == State.AWAY && absences == absence && goneNow();
    }

    /** Gone for good, whatever it was; true when this call made it gone. */
    synchronized boolean gone() {
        return state != State.GONE && goneNow();
    }

    private boolean goneNow() {
        state = State.GONE;
        link = null;
        held.clear();
        heldBytes = 0;
        cancelExpiry();
        return true;
    }

    /**
     * A new socket takes the device: the greeting goes out first, then the held frames in order. Empty when the
     * device is gone (the window closed, or it was lost meanwhile).
     */
    synchronized Optional<Resumed> resumeOn(DeviceLink next, String greeting) {
        if (state == State.GONE) {
            return Optional.empty();
        }
        DeviceLink previous = link;
        link = next;
        state = State.CONNECTED;
        cancelExpiry();
        next.offer(greeting);
        int replayed = 0;
        while (!held.isEmpty() && next.offer(held.peekFirst().text())) {
            heldBytes -= held.removeFirst().bytes();
            replayed++;
        }
        return Optional.of(new Resumed(Optional.ofNullable(previous).filter(p -> p != next), replayed));
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
    }

    /**
     * The first step of a hand-over to another instance: from now on frames are held (for the new instance), and the
     * socket that carried the device is returned, for the caller to close.
     */
    synchronized Optional<DeviceLink> holdFrames() {
        Optional<DeviceLink> old = Optional.ofNullable(link);
        link = null;
        if (state == State.CONNECTED) {
            state = State.AWAY;
            absences++;
        }
        cancelExpiry();
        return old;
    }

    /** The last step of a hand-over: the held frames, in order; the device is gone here. */
    synchronized List<String> handOff() {
        List<String> frames = held.stream().map(Held::text).toList();
        if (state != State.GONE) {
            goneNow();
        }
        return frames;
    }

    /** Sets the key of the new resume token; returns the key it replaces. */
    synchronized Optional<String> tokenKey(String key) {
        Optional<String> old = Optional.ofNullable(tokenKey);
        tokenKey = key;
        return old;
    }

    synchronized Optional<String> tokenKey() {
        return Optional.ofNullable(tokenKey);
    }

    @Override
    public String toString() {
        return jid.toString();
    }
}
