package org.jinglegateway.call;

/**
 * The socket that carries a {@link BrowserDevice} now. A device outlives its sockets (docs/protocol.md §8): when one
 * drops, the device holds its frames until a new socket resumes it.
 */
public interface DeviceLink {
    /** Hands one frame to the socket; false when the socket takes no more frames (closing or closed). */
    boolean offer(String frame);

    /** Closes the socket with a WebSocket status code (RFC 6455 §7.4) and a reason. */
    void close(int code, String reason);
}
