package org.jinglegateway.ws;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket: feeds each text frame to the {@link SignalingProtocol} and sends back the answers.
 * Public because Jetty reflects on it.
 */
public final class SignalingEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final SignalingProtocol protocol;
    private volatile Session session;

    public SignalingEndpoint(SignalingProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        log.debug("ws.open remote={}", s.getRemoteSocketAddress());
    }

    @Override
    public void onWebSocketText(String message) {
        Session s = session;
        for (String reply : protocol.handle(message)) {
            s.sendText(reply, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        log.debug("ws.close status={} reason={}", statusCode, reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("ws.error", cause);
    }
}
