package org.jinglegateway.limits;

import com.google.common.base.Ticker;

/**
 * The budgets of one gateway, from {@code limits.*} in the settings: calls placed per user and minute, frames per
 * socket and second, calls offered per XMPP user and minute, and calls per device at once. Thread-safe; the rates
 * are keyed by whatever the caller limits (a user's bare JID, a socket, a peer's bare JID).
 */
public final class Budgets {
    /** Keys each rate remembers at most: far above the devices and peers of one instance. */
    private static final long MAX_KEYS = 200_000;
    /** A socket may send this many seconds' worth of frames at once (a browser's first burst of candidates). */
    private static final int FRAME_BURST_SECONDS = 4;

    private final RateLimit<Object> callsPlaced;
    private final RateLimit<Object> frames;
    private final RateLimit<Object> callsOffered;
    private final int concurrentCalls;
    private final int frameBurst;

    public Budgets(int callsPerMinute, int concurrentCalls, int framesPerSecond, int initiatesPerMinute,
                   Ticker ticker) {
        this.callsPlaced = RateLimit.perMinute(callsPerMinute, ticker, MAX_KEYS);
        this.frameBurst = framesPerSecond * FRAME_BURST_SECONDS;
        this.frames = new RateLimit<>(frameBurst, framesPerSecond, ticker, MAX_KEYS);
        this.callsOffered = RateLimit.perMinute(initiatesPerMinute, ticker, MAX_KEYS);
        this.concurrentCalls = concurrentCalls;
    }

    /** Budgets nobody meets in a test or on a quiet gateway (the settings' defaults). */
    public static Budgets defaults() {
        return new Budgets(30, 8, 50, 30, Ticker.systemTicker());
    }

    /** One more call placed by this user's browsers; false when over {@code limits.calls-per-minute}. */
    public boolean placeCall(Object device) {
        return callsPlaced.tryAcquire(device);
    }

    /** One more frame on this socket; false when it is over {@code limits.frames-per-second}. */
    public boolean frame(Object socket) {
        return frames.tryAcquire(socket);
    }

    /** Frames over the rate a socket may keep sending before it is closed: as many again as its burst. */
    public int framesDroppedBeforeClose() {
        return frameBurst;
    }

    /** One more call offered by this XMPP user (bare JID); false when over {@code limits.initiates-per-minute}. */
    public boolean offerCall(Object peerUser) {
        return callsOffered.tryAcquire(peerUser);
    }

    /** Calls one device may have at once ({@code limits.concurrent-calls}). */
    public int concurrentCalls() {
        return concurrentCalls;
    }

    /** A socket closed: its frame budget is forgotten. */
    public void forgetSocket(Object socket) {
        frames.forget(socket);
    }
}
