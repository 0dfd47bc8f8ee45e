package org.jinglegateway.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts the raw bytes of an XMPP stream into top-level stanzas, before any XML parser sees them, so that each
 * stanza's size is its exact byte count on the wire (as Prosody and ejabberd count it) and its depth is known
 * without building it. A stanza over a limit is scanned on to its end tag and handed back as
 * {@link Frame.Refused} with only its opening tag; the stream goes on. XMPP is always UTF-8 (RFC 6120 §11.6) and
 * no byte of a multi-byte UTF-8 sequence is ASCII, so markup can be found byte by byte.
 *
 * <p>The framer checks only what it needs to find stanza ends: matching tag names (for the levels within the depth
 * limit), quotes, and CDATA sections. Comments, processing instructions and DTDs are refused here with
 * {@code restricted-xml} (RFC 6120 §11.1); everything else about well-formedness is left to the parser, which gets
 * every accepted stanza whole. Not thread-safe: one reader thread per connection.
 */
final class StanzaFramer {
    private static final byte[] CDATA = "[CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CDATA_END = "]]>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECLARATION_END = "?>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_END = ">".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL = 1024;

    /** What the framer found next in the stream. */
    sealed interface Frame permits Frame.Stanza, Frame.Refused, Frame.End {
        /** A whole stanza within the limits: its raw bytes, from its {@code <} to its last {@code >}. */
        record Stanza(byte[] bytes) implements Frame {
        }

        /**
         * A stanza over a limit, already skipped. {@code openingTag} holds its first tag's raw bytes when that tag
         * fit within the size limit, else is empty; {@code bytes} counts the stanza as far as it was read.
         */
        record Refused(byte[] openingTag, RefusedStanza.Limit limit, long bytes) implements Frame {
        }

        /** The server closed the stream with its end tag. */
        record End() implements Frame {
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final int maxDepth;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;

    /** The stanza being read: kept while within the size limit. */
    private byte[] stanza = new byte[INITIAL];
    private int length;
    private boolean keeping;
    private boolean inside;
    private long count;

    StanzaFramer(InputStream in, int maxBytes, int maxDepth) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** The stream's {@code <stream:stream ...>} opening tag, raw, after an optional XML declaration. */
    byte[] header() throws StreamException {
        while (true) {
            if (read() != '<') {
                continue; // whitespace before the header; the parser judges the tag itself
            }
            int next = peek();
            if (next == '?') {
                read();
                if (!startsWith("xml") || !isSpace(peek())) {
                    throw restricted("a processing instruction");
                }
                skipPast(DECLARATION_END, false);
                continue;
            }
            if (next == '!') {
                read();
                throw restricted(peek() == '-' ? "a comment" : "a DOCTYPE");
            }
            begin();
            if (startTag() == null) {
                throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED,
                        "the stream header closes itself (<stream:stream/>)");
            }
            inside = false;
            return Arrays.copyOf(stanza, length);
        }
    }

    /** The next stanza, a refused one, or the end of the stream. */
    Frame next() throws StreamException {
        while (true) {
            if (read() != '<') {
                continue; // whitespace keepalives (RFC 6120 §4.6.1); stray text at stream level is ignored
            }
            int next = peek();
            if (next == '/') {
                skipPast(TAG_END, false);
                return new Frame.End();
            }
            if (next == '?') {
                throw restricted("a processing instruction");
            }
            if (next == '!') {
                read();
                if (!startsWith("[CDATA[")) {
                    throw restricted(peek() == '-' ? "a comment" : "a DOCTYPE");
                }
                skipPast(CDATA_END, false);
                continue;
            }
            Frame frame = stanza();
            inside = false;
            return frame;
        }
    }

    private Frame stanza() throws StreamException {
        begin();
        String[] names = new String[Math.min(maxDepth, 16) + 1];
        String root = startTag();
        int openingTagLength = keeping ? length : 0;
        if (root == null) {
            return finish(null, openingTagLength);
        }
        names[0] = root;
        long depth = 1;
        RefusedStanza.Limit over = null;
        while (true) {
            if (take() != '<') {
                continue;
            }
            int c = peek();
            if (c == '/') {
                take();
                String name = name();
                while (isSpace(peek())) {
                    take();
                }
                expect('>');
                if (depth <= maxDepth && !names[(int) depth - 1].equals(name)) {
                    throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "not well-formed XML: </"
                            + name + "> closes <" + names[(int) depth - 1] + ">");
                }
                depth--;
                if (depth == 0) {
                    return finish(over, openingTagLength);
                }
            } else if (c == '!') {
                take();
                if (!startsWithCounted(CDATA)) {
                    throw restricted(peek() == '-' ? "a comment" : "a DOCTYPE");
                }
                skipPast(CDATA_END, true);
            } else if (c == '?') {
                throw restricted("a processing instruction");
            } else {
                String name = startTag();
                if (name != null) {
                    depth++;
                    if (depth > maxDepth) {
                        // deeper levels are only counted: a stanza that never ends costs no memory
                        over = over == null ? RefusedStanza.Limit.DEPTH : over;
                        keeping = false;
                    } else {
                        if (depth > names.length) {
                            names = Arrays.copyOf(names, (int) Math.min(maxDepth + 1L, names.length * 2L));
                        }
                        names[(int) depth - 1] = name;
                    }
                }
            }
        }
    }

    private Frame finish(RefusedStanza.Limit depthOver, int openingTagLength) {
        RefusedStanza.Limit over = depthOver != null ? depthOver : count > maxBytes ? RefusedStanza.Limit.SIZE : null;
        if (over == null) {
            return new Frame.Stanza(Arrays.copyOf(stanza, length));
        }
        byte[] opening = Arrays.copyOf(stanza, openingTagLength);
        if (stanza.length > INITIAL) {
            stanza = new byte[INITIAL];
        }
        return new Frame.Refused(opening, over, count);
    }

    /**
     * Reads a start tag after its {@code <}: the name, then attributes up to {@code >} or {@code />}. Returns the
     * name, or null when the tag closed itself.
     */
    private String startTag() throws StreamException {
        String name = name();
        if (name.isEmpty()) {
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "not well-formed XML: '<' without"
                    + " an element name");
        }
        while (true) {
            int b = take();
            if (b == '>') {
                return name;
            }
            if (b == '/') {
                expect('>');
                return null;
            }
            if (b == '"' || b == '\'') {
                int q;
                while ((q = take()) != b) {
                    if (q == '<') {
                        throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED,
                                "not well-formed XML: '<' in an attribute value of <" + name + ">");
                    }
                }
            } else if (b == '<') {
                throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED,
                        "not well-formed XML: '<' inside the tag <" + name + ">");
            }
        }
    }

    /** An element name (with its prefix), byte for byte; compared, never decoded, so ISO-8859-1 keeps it intact. */
    private String name() throws StreamException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = peek();
            if (isSpace(c) || c == '>' || c == '/' || c == '<' || c == '=' || c == '"' || c == '\'') {
                return b.toString();
            }
            b.append((char) take());
        }
    }

    private void expect(char expected) throws StreamException {
        int b = take();
        if (b != expected) {
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "not well-formed XML: expected '"
                    + expected + "', found '" + (char) b + "'");
        }
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** Starts a stanza (or the header) at its {@code <}, which the caller has just read. */
    private void begin() {
        length = 0;
        count = 0;
        keeping = true;
        inside = true;
        append('<');
    }

    private void append(int b) {
        count++;
        if (!keeping) {
            return;
        }
        if (count > maxBytes) {
            // over the size limit: what was kept is the opening tag at most, the rest is only counted
            keeping = false;
            return;
        }
        if (length == stanza.length) {
            stanza = Arrays.copyOf(stanza, (int) Math.min(maxBytes, stanza.length * 2L));
        }
        stanza[length++] = (byte) b;
    }

    /** The next byte, as part of the stanza. */
    private int take() throws StreamException {
        int b = read();
        append(b);
        return b;
    }

    private boolean startsWithCounted(byte[] expected) throws StreamException {
        for (byte e : expected) {
            if (peek() != e) {
                return false;
            }
            take();
        }
        return true;
    }

    /** Consumes the ASCII text when the stream goes on with it (outside stanzas). */
    private boolean startsWith(String text) throws StreamException {
        for (int i = 0; i < text.length(); i++) {
            if (peek() != text.charAt(i)) {
                return false;
            }
            read();
        }
        return true;
    }

    /** Reads up to and including the first occurrence of {@code end} (a few bytes: compared as a sliding window). */
    private void skipPast(byte[] end, boolean counted) throws StreamException {
        byte[] window = new byte[end.length];
        int seen = 0;
        while (true) {
            int b = counted ? take() : read();
            System.arraycopy(window, 1, window, 0, window.length - 1);
            window[window.length - 1] = (byte) b;
            seen++;
            if (seen >= end.length && Arrays.equals(window, end)) {
                return;
            }
        }
    }

    private int peek() throws StreamException {
        if (pos == limit) {
            fill();
        }
        return buffer[pos] & 0xff;
    }

    private int read() throws StreamException {
        if (pos == limit) {
            fill();
        }
        return buffer[pos++] & 0xff;
    }

    private void fill() throws StreamException {
        int n;
        try {
            n = in.read(buffer);
        } catch (IOException e) {
            throw StreamException.closed("connection lost: " + e.getMessage());
        }
        if (n < 0) {
            throw StreamException.closed(inside ? "the stream ended inside a stanza"
                    : "the server closed the connection");
        }
        pos = 0;
        limit = n;
    }

    private static StreamException restricted(String what) {
        return StreamException.local(StreamErrorCondition.RESTRICTED_XML,
                "the server sent " + what + ", which XMPP forbids (RFC 6120 §11.1)");
    }
}
