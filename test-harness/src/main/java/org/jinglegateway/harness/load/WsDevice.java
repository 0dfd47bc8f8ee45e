package org.jinglegateway.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A browser device without a browser: one WebSocket to the gateway speaking docs/protocol.md. Every frame that
 * arrives is parsed and handed over as a {@link Frame} with its arrival time; sends are queued behind each other
 * (the JDK's WebSocket takes one send at a time) without blocking the caller.
 */
final class WsDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One frame from the gateway.
     *
     * @param type   its type
     * @param callId its callId (or null)
     * @param json   the whole frame
     * @param nanos  when it was read ({@link System#nanoTime()})
     */
    record Frame(String type, String callId, JsonNode json, long nanos) {
    }

    final Payloads.Browser browser;
    private final WebSocket socket;
    private final AtomicLong errors = new AtomicLong();
    private final CompletableFuture<String> registered = new CompletableFuture<>();
    private volatile Consumer<Frame> handler;
    private volatile String firstError;
    private volatile String closedWith;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private String jid;

    private WsDevice(HttpClient http, URI url, Payloads.Browser browser, Consumer<Frame> handler) throws Exception {
        this.browser = browser;
        this.handler = handler;
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(url, new Listener()).get(15, TimeUnit.SECONDS);
    }

    /** Opens a socket and registers as user; returns once registered. */
    static WsDevice register(HttpClient http, URI url, String user, Payloads.Browser browser, Consumer<Frame> handler)
            throws Exception {
        WsDevice d = new WsDevice(http, url, browser, handler);
        d.send("{\"type\":\"register\",\"user\":\"" + user + "\"}");
        d.jid = d.registered.get(15, TimeUnit.SECONDS);
        return d;
    }

    String jid() {
        return jid;
    }

    void handler(Consumer<Frame> value) {
        this.handler = value;
    }

    /** Sends one frame after those sent before it. */
    void send(String text) {
        synchronized (this) {
            sending = sending.thenCompose(x -> socket.sendText(text, true)).exceptionally(e -> {
                error("send failed: " + e);
                return null;
            });
        }
    }

    void call(String callId, String to) {
        send("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"to\":\"" + to + "\",\"sdp\":" + browser.offerSdp()
                + "}");
    }

    void answer(String callId) {
        send("{\"type\":\"answer\",\"callId\":" + Payloads.literal(callId) + ",\"sdp\":" + browser.answerSdp() + "}");
    }

    /** The first candidate of the offer (placed calls) or of the answer (received calls). */
    void candidate(String callId, boolean placed) {
        send("{\"type\":\"candidate\",\"callId\":" + Payloads.literal(callId)
                + (placed ? browser.offerCandidate() : browser.answerCandidate()) + "}");
    }

    void accept(String callId) {
        send("{\"type\":\"accept\",\"callId\":" + Payloads.literal(callId) + "}");
    }

    void hangup(String callId) {
        send("{\"type\":\"hangup\",\"callId\":" + Payloads.literal(callId) + "}");
    }

    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    /** Non-null once the gateway closed the socket: status and reason. */
    String closedWith() {
        return closedWith;
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = what;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            parts.append(data);
            if (!last) {
                return null;
            }
            String text = parts.toString();
            parts.setLength(0);
            try {
                JsonNode json = JSON.readTree(text);
                String type = json.path("type").asText();
                JsonNode id = json.get("callId");
                Frame f = new Frame(type, id == null ? null : id.asText(), json, now);
                if ("registered".equals(type)) {
                    registered.complete(json.path("jid").asText());
                } else if ("error".equals(type)) {
                    error(text);
                    if (!registered.isDone()) {
                        registered.completeExceptionally(new IOException("registration refused: " + text));
                    }
                }
                handler.accept(f);
            } catch (IOException | RuntimeException e) {
                error("cannot handle " + text + ": " + e);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith = statusCode + " " + reason;
            registered.completeExceptionally(new IOException("closed " + closedWith));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith = "error " + error;
            registered.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
