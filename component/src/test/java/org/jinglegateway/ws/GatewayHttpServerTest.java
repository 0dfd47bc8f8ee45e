package org.jinglegateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.limits.SocketsPerAddress;
import org.jinglegateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP listener's limits on a real Jetty, driven by the JDK's WebSocket client and a raw socket. */
final class GatewayHttpServerTest {
    private static final int PING_SECONDS = 1;
    private static final int MAX_QUEUE = 64 * 1024;

    /** What the server side saw: "closed:NAME" once per socket, NAME being the socket's first frame. */
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Map<BrowserConnection, String> names = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private GatewayHttpServer server;
    private int port;

    private final FrameHandler handler = new FrameHandler() {
        @Override
        public void handle(BrowserConnection connection, String frame) {
            if (names.putIfAbsent(connection, frame) == null && !frame.equals("flood")) {
                return;
            }
            if (frame.equals("flood")) {
                // far more than loopback's socket buffers hold, so Jetty's queue must grow while nobody reads
                String pad = "x".repeat(16 * 1024);
                for (int i = 0; i < 8000 && !events.contains("closed:flood"); i++) {
                    connection.send(JsonNodeFactory.instance.objectNode().put("type", "pad").put("pad", pad));
                }
            } else {
                connection.send(JsonNodeFactory.instance.objectNode().put("type", "echo").put("text", frame));
            }
        }

        @Override
        public void closed(BrowserConnection connection) {
            events.add("closed:" + names.get(connection));
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new GatewayHttpServer(new GatewayConfig.Http("127.0.0.1", 0, List.of(), PING_SECONDS, MAX_QUEUE),
                handler, () -> true, new GatewayMetrics(), Duration.ofSeconds(1));
        port = server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** A client that reads only what it asks for: with {@code reading} false it reads nothing, pings included. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final boolean reading;

        Client(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private WebSocket open(Client listener, String origin) throws Exception {
        WebSocket.Builder b = client.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b.buildAsync(ws(), listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void foreignOrigin_isRefusedWith403() {
        assertThatThrownBy(() -> open(new Client(true), "https://evil.example"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .extracting(e -> ((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void socketsPastTheAddressLimit_areRefusedWith429UntilOneCloses() throws Exception {
        server.close();
        server = new GatewayHttpServer(new GatewayConfig.Http("127.0.0.1", 0, List.of(), PING_SECONDS, MAX_QUEUE),
                handler, () -> true, new GatewayMetrics(), Duration.ofSeconds(1), new SocketsPerAddress(2));
        port = server.start();
        WebSocket first = open(new Client(true), null);
        open(new Client(true), null);
        assertThatThrownBy(() -> open(new Client(true), null))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .extracting(e -> ((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(429);
        first.sendText("one", true).get(5, TimeUnit.SECONDS);
        first.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("closed:one");
        assertThat(open(new Client(true), null).isOutputClosed()).as("a place came free").isFalse();
    }

    @Test
    void ownOriginAndNoOrigin_areAccepted() throws Exception {
        Client own = new Client(true);
        WebSocket a = open(own, "http://localhost:" + port);
        a.sendText("hello", true).get(5, TimeUnit.SECONDS);
        a.sendText("again", true).get(5, TimeUnit.SECONDS);
        assertThat(own.texts.poll(5, TimeUnit.SECONDS)).contains("\"text\":\"again\"");
        WebSocket b = open(new Client(true), null);
        assertThat(b.isOutputClosed()).isFalse();
    }

    @Test
    void browserSdk_isServedAsJavaScriptThatOtherOriginsMayImport() throws Exception {
        for (String file : List.of("jingle-gateway.js", "call.js", "emitter.js", "words.js")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/sdk/" + file)).header("Origin", "https://app.example.org").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(file).hasValueSatisfying(
                    type -> assertThat(type).matches("(text|application)/javascript.*"));
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(file).contains("*");
        }
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).as("only the SDK is for other sites")
                .isEmpty();
    }

    @Test
    void allowedOrigins_areServedForTheSoftphone() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/allowed-origins")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"any\":false,\"origins\":[\"http://localhost:" + port + "\",\"https://localhost:"
                + port + "\",\"http://127.0.0.1:" + port + "\",\"https://127.0.0.1:" + port + "\",\"http://[::1]:"
                + port + "\",\"https://[::1]:" + port + "\"]}");
    }

    @Test
    void silentBrowser_isDroppedAfterTwoPingIntervalsWhileAnAnsweringOneStays() throws Exception {
        WebSocket silent = open(new Client(false), null);
        Client liveListener = new Client(true);
        WebSocket live = open(liveListener, null);
        silent.sendText("silent", true).get(5, TimeUnit.SECONDS);
        live.sendText("live", true).get(5, TimeUnit.SECONDS);

        assertThat(events.poll(15, TimeUnit.SECONDS)).isEqualTo("closed:silent");
        live.sendText("still there?", true).get(5, TimeUnit.SECONDS);
        assertThat(liveListener.texts.poll(5, TimeUnit.SECONDS)).contains("still there?");
        assertThat(events).isEmpty();
    }

    @Test
    void browserThatStopsReading_isClosedWith1008() throws Exception {
        // a raw client: it sends its one frame and then exactly nothing (no pong, no close reply) until it reads
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            DataInputStream in = RawWebSocket.upgrade(s, port);
            RawWebSocket.sendText(s, "flood");

            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("closed:flood");
            assertThat(RawWebSocket.readUntilClose(in)).isEqualTo(1008);
        }
    }

    @Test
    void halfSentRequestHead_isDroppedAtTheDeadline() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
        }
    }
}
