package org.jinglegateway.ws;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jinglegateway.metrics.GatewayMetrics;
import org.jinglegateway.metrics.OpsHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The HTTP listener (Jetty 12): the WebSocket endpoint at {@code /ws}, {@code /health} and {@code /metrics}, and the
 * softphone page and its files at {@code /} (from the jar's {@code web/} folder: plain files, no build step).
 */
public final class GatewayHttpServer implements AutoCloseable {
    /** A frame is one SDP or candidate: 256 KiB is far more than any real SDP needs. */
    private static final long MAX_FRAME_CHARS = 256 * 1024;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    public GatewayHttpServer(String host, int port, SignalingProtocol protocol, BooleanSupplier registered,
                             GatewayMetrics metrics) {
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.setMaxTextMessageSize(MAX_FRAME_CHARS);
            container.addMapping("/ws", (request, response, callback) -> new SignalingEndpoint(protocol,
                    metrics::frameIn, metrics::frameOut));
        });
        ResourceHandler pages = new ResourceHandler();
        pages.setBaseResource(ResourceFactory.of(server).newClassLoaderResource("web/"));
        pages.setWelcomeFiles("index.html");
        pages.setDirAllowed(false);
        ws.setHandler(pages);
        context.setHandler(new OpsHandler(registered, metrics::scrape, ws));
        server.setHandler(context);
        server.setStopTimeout(2000);
    }

    /** Starts listening; returns the port (useful when 0 asked for any free one). */
    public int start() throws Exception {
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        // Jetty's stop is idempotent; run's exit path and the shutdown hook may both call it
        server.stop();
    }
}
