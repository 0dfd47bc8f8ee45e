package org.jinglegateway.harness.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays a browser page on the gateway's signaling WebSocket (docs/protocol.md): sends JSON frames and keeps every
 * frame it receives, so a test can {@link #await} the next frame of a type while frames of other types stay
 * available. Text frames that arrive in parts are put back together before they are parsed.
 */
public final class BrowserSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Inbox<JsonNode> frames;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private BrowserSocket(String name, URI url) throws InterruptedException, ExecutionException, TimeoutException {
        this.name = name;
        this.frames = new Inbox<>("browser socket " + name);
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(url, new Listener()).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a socket to the gateway's WebSocket URL ({@code ws=} of the READY line). */
    public static BrowserSocket open(String name, String url) throws Exception {
        return new BrowserSocket(name, URI.create(url));
    }

    /** Sends one frame; the map is written as a JSON object. */
    public void send(Map<String, ?> frame) {
        send((ObjectNode) JSON.valueToTree(frame));
    }

    public void send(ObjectNode frame) {
        sendRaw(frame.toString());
    }

    /** Sends text as it is (for frames a browser should not send, such as bad JSON). */
    public void sendRaw(String text) {
        try {
            socket.sendText(text, true).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted sending " + text, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(name + ": could not send " + text, e);
        }
    }

    /**
     * Takes the next frame whose {@code type} is this one, or fails after the timeout listing what came. An
     * {@code error} frame that nobody has taken fails the wait at once (unless it is an error being awaited).
     */
    public JsonNode await(String type, Duration timeout) {
        return frames.await(f -> type.equals(f.path("type").asText()), f -> "error".equals(f.path("type").asText()),
                timeout, "a \"" + type + "\" frame");
    }

    /** Every frame received so far, oldest first, taken or not. */
    public List<JsonNode> received() {
        return frames.history();
    }

    /** Waits until the gateway closes the socket (or it breaks) and returns the close code. */
    public int awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * A normal close (1000), as a page does when it navigates away. Waits (up to 5 s) for the gateway's closing
     * frame, so that the next test does not meet this socket's registration.
     */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(CONNECT_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            closed.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // the gateway did not answer the close; the abort below ends the connection anyway
        } finally {
            socket.abort();
        }
    }

    @Override
    public String toString() {
        return "browser socket " + name;
    }

    /** Collects the parts of each text frame; one request at a time, as the JDK client expects. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                frames.add(parse(text));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            frames.add(JSON.createObjectNode().put("type", "(binary frame)"));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        private JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                // kept so that the test's failure message shows what the gateway sent
                return JSON.createObjectNode().put("type", "(not JSON)").put("text", text);
            }
        }
    }
}
