package org.jinglegateway.xmpp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XEP-0114 connection: opens the stream, authenticates with the handshake (SHA-1 of stream id + secret,
 * XEP-0114 §3), then hands out the server's stanzas. Writes are serialised, so two stanzas never interleave.
 */
public final class ComponentSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ComponentSession.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /**
     * Nesting limit per stanza. Real Jingle stanzas nest about 8 deep (iq/jingle/content/description/payload-type/
     * parameter); Prosody and ejabberd forward any depth, so a deeper stanza is refused on its own.
     */
    static final int MAX_DEPTH = 64;

    private final Socket socket;
    private final OutputStream out;
    private final XmppStreamReader reader;
    private final String domain;
    private final Object writeLock = new Object();
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean closed;

    private ComponentSession(Socket socket, String domain, int maxStanzaBytes, boolean allowMultiple)
            throws IOException, StreamException {
        this.socket = socket;
        this.domain = domain;
        this.out = socket.getOutputStream();
        // Openfire takes a second connection for a domain only when the header asks with allowMultiple (any value)
        writeRaw("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='" + escape(domain) + "'"
                + (allowMultiple ? " allowMultiple='true'" : "") + ">");
        this.reader = new XmppStreamReader(socket.getInputStream(), maxStanzaBytes, MAX_DEPTH, this::refused);
    }

    /**
     * A stanza over a limit was skipped: its sender hears why where an error is due (RFC 6120 §8.3), and the
     * stream stays up for everyone else.
     */
    private void refused(RefusedStanza r) {
        log.warn("xmpp.stanza-refused stanza={} type={} from={} id={} limit={} bytes={} max={}", r.name(),
                r.attribute("type").orElse("-"), r.attribute("from").orElse("-"), r.attribute("id").orElse("-"),
                r.limit().token(), r.bytes(), r.max());
        Optional<String> reply = r.errorReply(domain);
        if (reply.isPresent()) {
            try {
                writeRaw(reply.get());
            } catch (IOException e) {
                log.debug("could not answer a refused stanza; the reader will notice the broken connection", e);
            }
        }
    }

    /**
     * Connects and authenticates.
     *
     * @throws IOException     the server cannot be reached or the connection broke
     * @throws StreamException the server refused us with a stream error, or sent something we must refuse
     */
    public static ComponentSession open(String host, int port, String domain, String secret, int maxStanzaBytes)
            throws IOException, StreamException {
        return open(host, port, domain, secret, maxStanzaBytes, false);
    }

    /**
     * Connects and authenticates; with {@code allowMultiple} the stream header asks Openfire to take this connection
     * beside others for the same domain (several instances: docs/operations.md, "Several instances").
     */
    public static ComponentSession open(String host, int port, String domain, String secret, int maxStanzaBytes,
                                        boolean allowMultiple) throws IOException, StreamException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            ComponentSession session = new ComponentSession(socket, domain, maxStanzaBytes, allowMultiple);
            try {
                session.handshake(secret);
            } catch (StreamException e) {
                if (e.local()) {
                    // what we refuse during the handshake is refused with a stream error too (RFC 6120 §4.9)
                    session.closeWithError(e.condition(), e.getMessage());
                }
                throw e;
            }
            return session;
        } catch (IOException | StreamException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private void handshake(String secret) throws IOException, StreamException {
        Map<String, String> header = reader.readHeader();
        String id = header.get("id");
        if (id == null || id.isEmpty()) {
            // Prosody answers an unknown domain with an id-less header followed by <stream:error><host-unknown/>
            Optional<StreamException> error = reader.nextElement().flatMap(ComponentSession::asStreamError);
            if (error.isPresent()) {
                throw error.get();
            }
            throw StreamException.local(StreamErrorCondition.BAD_FORMAT, "the server's stream header has no id");
        }
        writeRaw("<handshake>" + digest(id, secret) + "</handshake>");
        Element answer = reader.nextElement()
                .orElseThrow(() -> StreamException.closed("the server closed the stream during the handshake"));
        if ("handshake".equals(answer.getName())) {
            return;
        }
        throw asStreamError(answer).orElseGet(() -> StreamException.local(StreamErrorCondition.NOT_AUTHORIZED,
                "expected <handshake/>, got <" + answer.getName() + ">"));
    }

    /** XEP-0114 §3: lower-case hex SHA-1 of the stream id followed by the secret. */
    public static String digest(String streamId, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** When the element is a {@code <stream:error>}, the exception that describes it. */
    static Optional<StreamException> asStreamError(Element element) {
        if (!"error".equals(element.getName())
                || !XmppStreamReader.STREAM_NS.equals(element.getNamespaceURI())) {
            return Optional.empty();
        }
        StreamErrorCondition condition = StreamErrorCondition.UNDEFINED_CONDITION;
        String text = "";
        for (Element child : element.elements()) {
            if (!StreamErrorCondition.NAMESPACE.equals(child.getNamespaceURI())) {
                continue;
            }
            if ("text".equals(child.getName())) {
                text = child.getTextTrim();
            } else {
                condition = StreamErrorCondition.of(child.getName());
            }
        }
        return Optional.of(StreamException.remote(condition, text));
    }

    /** The next stanza; empty when the server closed the stream. A stream error arrives as an exception. */
    public Optional<Element> read() throws StreamException {
        Optional<Element> next = reader.nextElement();
        if (next.isPresent()) {
            Optional<StreamException> error = asStreamError(next.get());
            if (error.isPresent()) {
                throw error.get();
            }
        }
        return next;
    }

    /** Sends one stanza (or whitespace) atomically. */
    public void send(String xml) throws IOException {
        writeRaw(xml);
    }

    /** Whitespace keepalive (RFC 6120 §4.6.1), only when nothing was written for {@code idleNanos}. */
    public void keepalive(long idleNanos) throws IOException {
        if (System.nanoTime() - lastWriteNanos >= idleNanos) {
            writeRaw(" ");
        }
    }

    private void writeRaw(String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
            lastWriteNanos = System.nanoTime();
        }
    }

    /** Ends the stream with an error we detected (RFC 6120 §4.9), then closes the socket. */
    public void closeWithError(StreamErrorCondition condition, String text) {
        if (closed) {
            return;
        }
        log.warn("xmpp.stream-error sent condition={} text={}", condition.token(), text);
        try {
            writeRaw("<stream:error><" + condition.token() + " xmlns='" + StreamErrorCondition.NAMESPACE + "'/>"
                    + "<text xmlns='" + StreamErrorCondition.NAMESPACE + "'>" + escape(text) + "</text>"
                    + "</stream:error></stream:stream>");
        } catch (IOException e) {
            log.debug("could not send the stream error", e);
        }
        close();
    }

    public String domain() {
        return domain;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!socket.isClosed()) {
                writeRaw("</stream:stream>");
            }
        } catch (IOException e) {
            log.debug("could not close the stream politely", e);
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to do
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
