package org.jinglegateway.ws;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jinglegateway.metrics.GatewayMetrics;
import org.jinglegateway.metrics.OpsHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
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
        // inside the jar the class-path URI of web/ is an alias of the entry's real URI: hand Jetty the real one
        org.eclipse.jetty.util.resource.Resource web = ResourceFactory.of(server).newClassLoaderResource("web/");
        pages.setBaseResource(web != null && web.isAlias() ? ResourceFactory.of(server).newResource(web.getRealURI())
                : web);
        pages.setDirAllowed(false);
        ws.setHandler(new RootPage(pages));
        context.setHandler(new OpsHandler(registered, metrics::scrape, ws));
        server.setHandler(context);
        server.setStopTimeout(2000);
    }

    /**
     * {@code /} serves the softphone's index.html: Jetty's welcome-file lookup does not find it inside the jar's
     * class-path folder (a jar entry is no directory), so the root is answered here.
     */
    private static final class RootPage extends Handler.Wrapper {
        private final byte[] index;

        RootPage(Handler next) {
            super(next);
            try (java.io.InputStream in = GatewayHttpServer.class.getClassLoader()
                    .getResourceAsStream("web/index.html")) {
                index = in == null ? new byte[0] : in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("web/index.html is unreadable in the jar", e);
            }
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"/".equals(Request.getPathInContext(request)) || index.length == 0) {
                return super.handle(request, response, callback);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(index), callback);
            return true;
        }
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
