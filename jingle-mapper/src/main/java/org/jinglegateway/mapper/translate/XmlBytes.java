package org.jinglegateway.mapper.translate;

import java.nio.charset.StandardCharsets;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;

/**
 * The direct path's XML output ({@link DirectXml}): one byte per character, written from fragments made once (an
 * element's start with its namespace declaration, its end tag, an attribute's name with its {@code ="}) and from
 * ranges of the SDP's own bytes. It takes only text that is printable ASCII (the SDP's lines are checked before
 * they get here, a request's strings by {@link #printable}), so a byte is a character, and it escapes those as
 * {@code StringSink} does and closes an empty element as {@code <x/>}: the result is {@code JingleWriter}'s, byte
 * for byte ({@code DirectXmlTest}). Against the string sink it saves an append per piece of markup and the
 * look-ups of a general writer (docs/benchmarks.md, round 5).
 */
final class XmlBytes {
    /** The direct path nests five deep at most (jingle, content, description, payload-type, parameter). */
    private static final int DEPTH = 8;

    /** {@code < > & "}: what a printable ASCII value escapes ({@code "} in attributes only). */
    private static final long SPECIAL = 1L << '<' | 1L << '>' | 1L << '&' | 1L << '"';

    private static final byte[] LT = ascii("&lt;");
    private static final byte[] GT = ascii("&gt;");
    private static final byte[] AMP = ascii("&amp;");
    private static final byte[] QUOT = ascii("&quot;");

    /** An element as the direct path writes it: its start (with a namespace declaration where one is due), its end. */
    static final class Element {
        final byte[] start;
        final byte[] end;

        private Element(byte[] start, byte[] end) {
            this.start = start;
            this.end = end;
        }
    }

    /** Buffers longer than this are not kept for the next conversion. */
    private static final int KEEP = 64 * 1024;

    private byte[] out = new byte[0];
    private int length;
    /** A start tag is open: its {@code >} or {@code />} is still to come. */
    private boolean open;
    private final Element[] stack = new Element[DEPTH];
    private int depth;

    /** The text holds none of {@code < > & "}: its ranges are copied as they stand. */
    private boolean plain;

    /**
     * Starts a document, in the buffer kept from the last one if it is long enough (the result is a copy).
     *
     * @param capacity about how long the result will be (it grows if not)
     * @param plain    the text whose ranges are written holds none of {@code < > & "}
     */
    void begin(int capacity, boolean plain) {
        if (out.length < capacity) {
            out = new byte[Math.max(capacity, 1024)];
        }
        length = 0;
        depth = 0;
        open = false;
        this.plain = plain;
    }

    /** Lets go of a buffer grown past what is worth keeping. */
    void finish() {
        if (out.length > KEEP) {
            out = new byte[0];
        }
    }

    /**
     * {@code tag}'s start and end; {@code declare}: its namespace differs from its parent's where the direct path
     * writes it (fixed by where it stands), so its start declares it as {@code StringSink} would.
     */
    static Element element(Tag tag, boolean declare) {
        String start = "<" + tag.local() + (declare ? " xmlns=\"" + tag.namespace() + "\"" : "");
        return new Element(ascii(start), ascii("</" + tag.local() + ">"));
    }

    /** An attribute's name as written before its value: {@code  name="}. */
    static byte[] name(String name) {
        return ascii(" " + name + "=\"");
    }

    /** Whether {@code s} is printable ASCII, all this writer takes besides the checked SDP. */
    static boolean printable(String s) {
        int outside = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            outside |= (c - ' ') | ('~' - c);
        }
        return outside >= 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    void start(Element element) {
        closeStartTag();
        put(element.start);
        stack[depth++] = element;
        open = true;
    }

    void end() {
        Element element = stack[--depth];
        if (open) {
            room(2);
            out[length++] = '/';
            out[length++] = '>';
            open = false;
        } else {
            put(element.end);
        }
    }

    /** An attribute whose value is {@code text[from, to)}, printable ASCII. */
    void attribute(byte[] name, byte[] text, int from, int to) {
        put(name);
        escape(text, from, to, true);
        room(1);
        out[length++] = '"';
    }

    /** An attribute whose value is a {@link #printable} string. */
    void attribute(byte[] name, String value) {
        put(name);
        for (int i = 0; i < value.length(); i++) {
            byte c = (byte) value.charAt(i);
            if (special(c)) {
                entity(c, true);
            } else {
                room(1);
                out[length++] = c;
            }
        }
        room(1);
        out[length++] = '"';
    }

    /** A number attribute, in decimal as {@code StringBuilder.append(long)} writes it. */
    void attribute(byte[] name, long value) {
        put(name);
        if (value < 0) {
            put(ascii(Long.toString(value)));
        } else {
            int digits = 1;
            for (long v = value / 10; v > 0; v /= 10) {
                digits++;
            }
            room(digits);
            long v = value;
            for (int i = length + digits - 1; i >= length; i--) {
                out[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += digits;
        }
        room(1);
        out[length++] = '"';
    }

    /** Text content {@code text[from, to)}, printable ASCII. */
    void text(byte[] text, int from, int to) {
        closeStartTag();
        escape(text, from, to, false);
    }

    String result() {
        return new String(out, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void closeStartTag() {
        if (open) {
            room(1);
            out[length++] = '>';
            open = false;
        }
    }

    private void escape(byte[] text, int from, int to, boolean attribute) {
        if (plain) {
            room(to - from);
            System.arraycopy(text, from, out, length, to - from);
            length += to - from;
            return;
        }
        int i = from;
        while (i < to) {
            int run = i;
            while (i < to && !special(text[i])) {
                i++;
            }
            room(i - run);
            System.arraycopy(text, run, out, length, i - run);
            length += i - run;
            if (i < to) {
                entity(text[i++], attribute);
            }
        }
    }

    private static boolean special(byte c) {
        return c < 64 && c >= 0 && (SPECIAL >>> c & 1) != 0;
    }

    private void entity(byte c, boolean attribute) {
        switch (c) {
            case '<' -> put(LT);
            case '>' -> put(GT);
            case '&' -> put(AMP);
            default -> {
                if (attribute) {
                    put(QUOT);
                } else {
                    room(1);
                    out[length++] = c;
                }
            }
        }
    }

    private void put(byte[] fragment) {
        room(fragment.length);
        System.arraycopy(fragment, 0, out, length, fragment.length);
        length += fragment.length;
    }

    private void room(int more) {
        if (out.length - length < more) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
