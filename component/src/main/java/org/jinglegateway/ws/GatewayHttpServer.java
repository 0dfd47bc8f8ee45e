package org.jinglegateway.ws;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.limits.SocketsPerAddress;
import org.jinglegateway.metrics.GatewayMetrics;
import org.jinglegateway.metrics.OpsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener (Jetty 12): the WebSocket endpoint at {@code /ws}, {@code /health} and {@code /metrics}, the
 * softphone page and its files at {@code /} (from the jar's {@code web/} folder: plain files, no build step), the
 * browser SDK at {@code /sdk/} (the repository's {@code sdk/*.js}, copied into {@code web/sdk/} by the build), and
 * {@code /allowed-origins}, the {@link OriginPolicy} as JSON for the softphone's {@code ?ws=} check.
 *
 * <p>Limits (docs/operations.md §8): the upgrade's {@code Origin} must pass {@code http.allowed-origins} (else HTTP
 * 403); a connection that has not sent a whole request head within {@link #HEAD_DEADLINE} is closed (a half-sent
 * upgrade holds nothing for long); the thread pool and its queue are bounded; each socket is pinged and its outgoing
 * queue bounded ({@link SignalingEndpoint}).
 */
public final class GatewayHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayHttpServer.class);
    /** A frame is one SDP or candidate: 256 KiB is far more than any real SDP needs. */
    private static final long MAX_FRAME_CHARS = 256 * 1024;
    /** Time a new connection has to send its whole request head. */
    static final Duration HEAD_DEADLINE = Duration.ofSeconds(10);
    /** Jetty threads: requests and WebSocket frames are short; calls run on their own lanes. */
    private static final int MAX_THREADS = 64;
    /** Tasks waiting for a thread; past this Jetty refuses work instead of queueing without end. */
    private static final int MAX_QUEUED_TASKS = 4096;

    private final Server server = new Server(new QueuedThreadPool(MAX_THREADS, 4, 60_000,
            new BlockingArrayQueue<>(64, 64, MAX_QUEUED_TASKS)));
    private final ServerConnector connector = new ServerConnector(server);
    private final GatewayConfig.Http settings;
    private volatile OriginPolicy origins;
    private final OpsHandler ops;

    public GatewayHttpServer(GatewayConfig.Http settings, SignalingProtocol protocol, BooleanSupplier registered,
                             GatewayMetrics metrics, SocketsPerAddress sockets) {
        this(settings, FrameHandler.of(protocol), registered, metrics, HEAD_DEADLINE, sockets);
    }

    GatewayHttpServer(GatewayConfig.Http settings, FrameHandler handler, BooleanSupplier registered,
                      GatewayMetrics metrics, Duration headDeadline) {
        this(settings, handler, registered, metrics, headDeadline, new SocketsPerAddress(Integer.MAX_VALUE));
    }

    /** Lines /health adds after its first (docs/operations.md, "Several instances"). */
    public void healthDetail(java.util.function.Supplier<String> lines) {
        ops.detail(lines);
    }

    GatewayHttpServer(GatewayConfig.Http settings, FrameHandler handler, BooleanSupplier registered,
                      GatewayMetrics metrics, Duration headDeadline, SocketsPerAddress sockets) {
        this.settings = settings;
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // on the HTTP/1.1 factory only: the WebSocket connection an upgrade turns into is none of its business
        connector.getConnectionFactory(HttpConnectionFactory.class).addEventListener(new HeadDeadline(headDeadline));
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        SignalingEndpoint.Limits limits = new SignalingEndpoint.Limits(Duration.ofSeconds(settings.pingSeconds()),
                settings.maxOutgoingQueueBytes());
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
            // the endpoint's own ping check drops a silent socket after two ping intervals; this only cuts a socket
            // whose writes cannot progress (closed for an overflowing queue, and still not reading)
            container.setIdleTimeout(Duration.ofSeconds(Math.max(30, settings.pingSeconds() * 4L)));
            container.setMaxTextMessageSize(MAX_FRAME_CHARS);
            container.addMapping("/ws", (request, response, callback) -> {
                Optional<String> origin = Optional.ofNullable(request.getHeaders().get(HttpHeader.ORIGIN));
                if (!origins.allows(origin)) {
                    log.warn("ws.origin-refused origin={} remote={}: not in http.allowed-origins",
                            abbreviate(origin.orElse("")), Request.getRemoteAddr(request));
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                            "this page's origin may not use the gateway (http.allowed-origins)");
                    return null;
                }
                String address = Request.getRemoteAddr(request);
                if (!sockets.tryOpen(address)) {
                    log.warn("ws.sockets-per-address remote={} max={}", address, sockets.max());
                    Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                            "too many WebSockets from this address (limits.sockets-per-address)");
                    return null;
                }
                return new SignalingEndpoint(FrameHandler.releasing(handler, () -> sockets.closed(address)),
                        metrics::frameIn, metrics::frameOut, limits, server.getScheduler());
            });
        });
        ResourceHandler pages = new ResourceHandler();
        // inside the jar the class-path URI of web/ is an alias of the entry's real URI: hand Jetty the real one
        org.eclipse.jetty.util.resource.Resource web = ResourceFactory.of(server).newClassLoaderResource("web/");
        pages.setBaseResource(web != null && web.isAlias() ? ResourceFactory.of(server).newResource(web.getRealURI())
                : web);
        pages.setDirAllowed(false);
        ws.setHandler(new RootPage(pages, () -> origins));
        ops = new OpsHandler(registered, metrics::scrape, ws);
        context.setHandler(ops);
        server.setHandler(context);
        server.setStopTimeout(2000);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /**
     * Closes a connection that has not sent one whole request head in time (slowloris, a half-sent upgrade).
     * Jetty's idle timeout alone would not: a byte every few seconds keeps a connection from ever being idle.
     */
    private final class HeadDeadline implements Connection.Listener {
        private final Duration deadline;

        HeadDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        @Override
        public void onOpened(Connection c) {
            server.getScheduler().schedule(() -> {
                // an upgraded endpoint has a WebSocket connection now; messagesIn counts completed request heads
                if (c.getEndPoint().getConnection() == c && c.getMessagesIn() == 0 && c.getEndPoint().isOpen()) {
                    log.debug("http.head-timeout remote={}", c.getEndPoint().getRemoteSocketAddress());
                    c.getEndPoint().close();
                }
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * {@code /} serves the softphone's index.html: Jetty's welcome-file lookup does not find it inside the jar's
     * class-path folder (a jar entry is no directory), so the root is answered here.
     */
    private static final class RootPage extends Handler.Wrapper {
        private final byte[] index;
        private final Supplier<OriginPolicy> origins;

        RootPage(Handler next, Supplier<OriginPolicy> origins) {
            super(next);
            this.origins = origins;
            try (java.io.InputStream in = GatewayHttpServer.class.getClassLoader()
                    .getResourceAsStream("web/index.html")) {
                index = in == null ? new byte[0] : in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("web/index.html is unreadable in the jar", e);
            }
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if ("/allowed-origins".equals(Request.getPathInContext(request))) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, java.nio.ByteBuffer.wrap(origins.get().toJson()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
                return true;
            }
            String path = Request.getPathInContext(request);
            if (path.startsWith("/sdk/")) {
                // the browser SDK is public code that other sites import as a module: a cross-origin module script
                // loads only with CORS (no credentials are involved)
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            }
            if (!"/".equals(path) || index.length == 0) {
                return super.handle(request, response, callback);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(index), callback);
            return true;
        }
    }

    /** Starts listening; returns the port (useful when 0 asked for any free one). */
    public int start() throws Exception {
        // with http.port 0 the own origin is known only once the port is picked: open() binds before start()
        connector.open();
        origins = OriginPolicy.of(settings.allowedOrigins(), settings.host(), connector.getLocalPort());
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        // Jetty's stop is idempotent; run's exit path and the shutdown hook may both call it
        server.stop();
    }
}
