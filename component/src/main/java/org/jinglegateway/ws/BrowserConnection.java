package org.jinglegateway.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import org.jinglegateway.call.BrowserDevice;
import org.jinglegateway.call.DeviceLink;
import org.jinglegateway.call.DeviceSessions;

/**
 * One browser socket as the protocol sees it: the {@link DeviceLink} that carries a {@link BrowserDevice} once it has
 * registered (or resumed). The device outlives the socket (docs/protocol.md §8); the frame budget is the socket's.
 */
public final class BrowserConnection implements DeviceLink {
    /** Closes the socket with a status code and a reason. */
    public interface Closer {
        void close(int code, String reason);
    }

    private final Predicate<String> out;
    private final Closer closer;
    private volatile BrowserDevice device;
    /** False once the socket is closed for cause: its device then goes at once, with no resume. */
    private volatile boolean resumable = true;
    private volatile ScheduledFuture<?> refresh;
    /** Frames dropped over the frame rate since the last one that was taken (only the socket's thread writes it). */
    private int droppedInARow;

    /** {@code out} hands a frame to the socket and says whether it took it. */
    public BrowserConnection(Predicate<String> out, Closer closer) {
        this.out = out;
        this.closer = closer;
    }

    /** The device this socket registered or resumed, or null. */
    BrowserDevice device() {
        return device;
    }

    void bind(BrowserDevice d) {
        this.device = d;
    }

    boolean registered() {
        return device != null;
    }

    boolean resumable() {
        return resumable;
    }

    /** A frame of the protocol itself (pong, errors before registration): straight to this socket. */
    void send(ObjectNode frame) {
        out.test(frame.toString());
    }

    @Override
    public boolean offer(String frame) {
        return out.test(frame);
    }

    @Override
    public void close(int code, String reason) {
        closer.close(code, reason);
    }

    /** Closes the socket for cause (1008): its device goes at once. */
    void disconnect(String reason) {
        resumable = false;
        close(DeviceSessions.POLICY_VIOLATION, reason);
    }

    /** The socket stopped reading and is being closed: its device goes at once (frames in flight are lost). */
    void forbidResume() {
        resumable = false;
    }

    /** A frame was taken: the count of frames dropped in a row starts again. */
    void frameTaken() {
        droppedInARow = 0;
    }

    /** A frame was dropped over the rate; returns how many in a row now. */
    int frameDropped() {
        return ++droppedInARow;
    }

    void refreshWith(ScheduledFuture<?> task) {
        this.refresh = task;
    }

    void stopRefresh() {
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
        }
    }

    @Override
    public String toString() {
        BrowserDevice d = device;
        return d == null ? "unregistered browser" : d.toString();
    }
}
