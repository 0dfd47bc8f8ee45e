package org.jinglegateway.ws;

/** What a browser socket feeds: its text frames, then its end. {@link SignalingProtocol} in the gateway. */
public interface FrameHandler {
    /** One text frame from the browser; answers go out on the connection. */
    void handle(BrowserConnection connection, String frame);

    /** The socket is gone (closed, silent past the ping deadline, or closed for an overflowing queue). */
    void closed(BrowserConnection connection);

    /** {@code handler}, and {@code release} once its socket is gone (a count of open sockets goes down). */
    static FrameHandler releasing(FrameHandler handler, Runnable release) {
        return new FrameHandler() {
            @Override
            public void handle(BrowserConnection connection, String frame) {
                handler.handle(connection, frame);
            }

            @Override
            public void closed(BrowserConnection connection) {
                try {
                    handler.closed(connection);
                } finally {
                    release.run();
                }
            }
        };
    }

    /** The gateway's protocol as a handler. */
    static FrameHandler of(SignalingProtocol protocol) {
        return new FrameHandler() {
            @Override
            public void handle(BrowserConnection connection, String frame) {
                protocol.handle(connection, frame);
            }

            @Override
            public void closed(BrowserConnection connection) {
                protocol.closed(connection);
            }
        };
    }
}
