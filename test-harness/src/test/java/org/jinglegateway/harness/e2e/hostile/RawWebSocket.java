package org.jinglegateway.harness.e2e.hostile;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client written on a plain socket (RFC 6455), for what the JDK client will not do: send any
 * {@code Origin}, stop half-way through the upgrade request, and never read while it floods the gateway.
 */
final class RawWebSocket implements AutoCloseable {
    /** RFC 6455 §5.2 opcodes. */
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One frame from the server (servers never mask, RFC 6455 §5.1). */
    record Frame(int opcode, byte[] payload) {
        /** The status code of a close frame (1005 when it carries none, RFC 6455 §7.1.5). */
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The reason text of a close frame (after its two-byte code). */
        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The status line and headers of the server's answer to the upgrade request. */
    record Response(int status, String statusLine, Map<String, String> headers) {
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /**
     * Connects to the host and port of a {@code ws://} URL. A small receive buffer makes a client that does not
     * read fill up after a few frames instead of after megabytes.
     */
    static RawWebSocket connect(String wsUrl, int receiveBufferBytes) throws IOException {
        URI uri = URI.create(wsUrl);
        Socket s = new Socket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes);
        }
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        s.setTcpNoDelay(true);
        return new RawWebSocket(s);
    }

    /** The upgrade request of RFC 6455 §4.1 for this URL's path, with an {@code Origin} when one is given. */
    static String upgradeRequest(String wsUrl, String origin) {
        URI uri = URI.create(wsUrl);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder b = new StringBuilder()
                .append("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (origin != null) {
            b.append("Origin: ").append(origin).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Writes bytes as they are (a whole or a partial request). */
    void writeRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends the upgrade request and reads the response head (status line and headers). */
    Response upgrade(String wsUrl, String origin, Duration timeout) throws IOException {
        writeRaw(upgradeRequest(wsUrl, origin));
        return readResponseHead(timeout);
    }

    /** Reads up to the empty line that ends a response head. */
    Response readResponseHead(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed inside the response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String[] status = lines[0].split(" ", 3);
        return new Response(status.length > 1 ? Integer.parseInt(status[1]) : -1, lines[0], headers);
    }

    /** Sends one masked text frame (RFC 6455 §5.2, §5.3); {@code flush} false lets frames pile up in one write. */
    void sendText(String text, boolean flush) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x80 | TEXT);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
        if (flush) {
            out.flush();
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Reads the next frame, waiting at most this long for its first byte; null when the server closed TCP. */
    Frame readFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = readByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = (long) readByte() << 8 | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte();
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a frame of " + length + " bytes");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("the connection closed inside a frame");
        }
        return new Frame(first & 0x0f, payload);
    }

    /** Reads one byte, waiting at most this long; -1 at end of stream, -2 when nothing came in time. */
    int readByteOrTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection closed inside a frame header");
        }
        return b;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }
}
