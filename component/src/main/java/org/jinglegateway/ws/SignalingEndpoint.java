package org.jinglegateway.ws;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket: feeds each text frame to the {@link SignalingProtocol}; frames from calls go out through
 * the connection at any time. Public because Jetty reflects on it.
 */
public final class SignalingEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final SignalingProtocol protocol;
    private final Runnable frameIn;
    private final Runnable frameOut;
    private volatile Session session;
    private final BrowserConnection connection = new BrowserConnection(this::sendText, this::close);

    public SignalingEndpoint(SignalingProtocol protocol, Runnable frameIn, Runnable frameOut) {
        this.protocol = protocol;
        this.frameIn = frameIn;
        this.frameOut = frameOut;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        log.debug("ws.open remote={}", s.getRemoteSocketAddress());
    }

    @Override
    public void onWebSocketText(String message) {
        frameIn.run();
        protocol.handle(connection, message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        log.debug("ws.close status={} reason={}", statusCode, reason);
        protocol.closed(connection);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("ws.error", cause);
    }

    private void sendText(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
            frameOut.run();
        }
    }

    private void close(String reason) {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP);
        }
    }
}
