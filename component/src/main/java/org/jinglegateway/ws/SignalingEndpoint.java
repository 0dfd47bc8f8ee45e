package org.jinglegateway.ws;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jinglegateway.limits.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket: feeds each text frame to the {@link FrameHandler}; frames from calls go out through the
 * connection at any time. It pings the browser every {@code ping} (RFC 6455 §5.5.2; browsers answer on their own)
 * and drops a socket from which nothing (no frame, no pong) came for twice that: a browser that vanished without
 * FIN or RST is gone within {@code 2 × ping}, not at a TCP timeout. Frames waiting to be written are counted in
 * bytes; a socket whose queue would pass {@code maxQueuedBytes} (a browser that stopped reading) is closed with
 * 1008 (and its device may not resume). Either way the handler hears {@code closed} exactly once. Public because
 * Jetty reflects on it.
 */
public final class SignalingEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);
    private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0);

    /** Per-socket limits: ping interval ({@code http.ping-seconds}) and {@code http.max-outgoing-queue-bytes}. */
    public record Limits(Duration ping, long maxQueuedBytes) {
    }

    private final FrameHandler handler;
    private final Runnable frameIn;
    private final Runnable frameOut;
    private final Limits limits;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final AtomicLong queued = new AtomicLong();
    /** No more frames go out. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The handler was told the socket is gone. */
    private final AtomicBoolean notified = new AtomicBoolean();
    private final BrowserConnection connection = new BrowserConnection(this::sendText, this::close);
    private volatile Session session;
    private volatile long lastHeardNanos;

    public SignalingEndpoint(FrameHandler handler, Runnable frameIn, Runnable frameOut, Limits limits,
                             Scheduler scheduler) {
        this(handler, frameIn, frameOut, limits, scheduler, System::nanoTime);
    }

    SignalingEndpoint(FrameHandler handler, Runnable frameIn, Runnable frameOut, Limits limits, Scheduler scheduler,
                      LongSupplier nanoClock) {
        this.handler = handler;
        this.frameIn = frameIn;
        this.frameOut = frameOut;
        this.limits = limits;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        heard();
        schedulePing();
        log.debug("ws.open remote={}", s.getRemoteSocketAddress());
    }

    @Override
    public void onWebSocketText(String message) {
        heard();
        frameIn.run();
        handler.handle(connection, message);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heard();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        log.debug("ws.close status={} reason={}", statusCode, reason);
        closing.set(true);
        gone();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("ws.error", cause);
        // a socket that fails may get no close event after it: the device and its address's count go all the same
        gone();
    }

    private void heard() {
        lastHeardNanos = nanoClock.getAsLong();
    }

    private void schedulePing() {
        scheduler.schedule(this::pingOrDrop, limits.ping().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every ping interval: drop a socket silent for two intervals, else ping it. */
    void pingOrDrop() {
        Session s = session;
        if (closing.get() || s == null || !s.isOpen()) {
            return;
        }
        long silentNanos = nanoClock.getAsLong() - lastHeardNanos;
        if (silentNanos > limits.ping().toNanos() * 2) {
            log.info("ws.silent device={} silent_ms={}: no frame or pong, the socket is dropped", connection,
                    TimeUnit.NANOSECONDS.toMillis(silentNanos));
            closing.set(true);
            s.disconnect();
            gone();
            return;
        }
        s.sendPing(NO_PAYLOAD.duplicate(), Callback.NOOP);
        schedulePing();
    }

    /** Queues a frame; false when the socket takes no more (closing or closed), so that its device holds it. */
    private boolean sendText(String text) {
        Session s = session;
        if (s == null || !s.isOpen() || closing.get()) {
            return false;
        }
        long bytes = Utf8.length(text);
        if (queued.addAndGet(bytes) > limits.maxQueuedBytes()) {
            queued.addAndGet(-bytes);
            overflow(s);
            return false;
        }
        s.sendText(text, Callback.from(() -> queued.addAndGet(-bytes), failure -> queued.addAndGet(-bytes)));
        frameOut.run();
        return true;
    }

    /**
     * The browser stopped reading: close with 1008 (RFC 6455 §7.4.1) after what is queued, and treat the device as
     * gone now (off the caller's thread, which may be a call's lane). If the browser never reads again, Jetty's idle
     * timeout cuts the connection (a write that cannot progress is idle).
     */
    private void overflow(Session s) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // frames already queued are lost with the socket: a resume could not repeat them in order
        connection.forbidResume();
        log.warn("ws.queue-overflow device={} queued_bytes={} max={}: the browser is not reading; closing",
                connection, queued.get(), limits.maxQueuedBytes());
        s.close(StatusCode.POLICY_VIOLATION, "outgoing queue over " + limits.maxQueuedBytes() + " bytes",
                Callback.NOOP);
        scheduler.schedule(this::gone, 0, TimeUnit.MILLISECONDS);
    }

    private void gone() {
        if (notified.compareAndSet(false, true)) {
            handler.closed(connection);
        }
    }

    private void close(int code, String reason) {
        Session s = session;
        if (s != null) {
            s.close(code, reason, Callback.NOOP);
        }
    }
}
