package org.jinglegateway.mapper.sdp.internal;

import java.util.function.Supplier;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.sdp.SdpParseException;
import org.jinglegateway.mapper.sdp.SdpParseException.Kind;

/**
 * Reads the space-separated fields of one SDP line (RFC 8866 §9: fields are separated by exactly one space) and
 * turns every problem into an {@link SdpParseException} at the right column. One cursor is reused for all lines.
 */
public final class Cursor {
    private String text = "";
    private int lineNumber;
    private int pos;
    private int fieldStart;

    /** Points the cursor at a line; {@code start} is the index after {@code x=} or the attribute name. */
    public Cursor reset(String lineText, int number, int start) {
        this.text = lineText;
        this.lineNumber = number;
        this.pos = start;
        this.fieldStart = start;
        return this;
    }

    public String text() {
        return text;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public int pos() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= text.length();
    }

    /** The next character without consuming it, or -1 at the end. */
    public int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    public void skip(int n) {
        pos += n;
    }

    /** The next non-empty field up to a space or the end; consumes one following space. */
    public String field(String what) {
        return until(' ', what);
    }

    /** The next non-empty text up to {@code stop} or the end; consumes the stop character. */
    public String until(char stop, String what) {
        fieldStart = pos;
        int end = text.indexOf(stop, pos);
        if (end < 0) {
            end = text.length();
        }
        if (end == pos) {
            throw fail(Kind.MISSING_FIELD, pos, pos >= text.length() ? what + " is missing"
                    : what + " is missing, found " + Checks.quote(String.valueOf(text.charAt(pos))));
        }
        String s = text.substring(pos, end);
        pos = end < text.length() ? end + 1 : end;
        return s;
    }

    /** The rest of the line from here (possibly empty) and moves to the end. */
    public String rest() {
        fieldStart = pos;
        String s = text.substring(pos);
        pos = text.length();
        return s;
    }

    /** The rest of the line, which must not be empty. */
    public String restRequired(String what) {
        if (atEnd()) {
            throw fail(Kind.MISSING_FIELD, pos, what + " is missing");
        }
        return rest();
    }

    /** A decimal field in {@code [min, max]}. */
    public long number(String what, long min, long max) {
        return number(field(what), what, min, max);
    }

    public int integer(String what, int min, int max) {
        return (int) number(field(what), what, min, max);
    }

    /** Parses {@code s}, the text last read, as a decimal in {@code [min, max]}. */
    public long number(String s, String what, long min, long max) {
        long v = 0;
        boolean ok = !s.isEmpty() && s.length() <= 18;
        for (int i = 0; ok && i < s.length(); i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9';
            v = v * 10 + (c - '0');
        }
        if (!ok || v < min || v > max) {
            throw fail(Kind.BAD_NUMBER, fieldStart, what + " must be " + min + "-" + max + ", found "
                    + Checks.quote(s));
        }
        return v;
    }

    /** Demands that the line ends here. */
    public void end(String what) {
        if (!atEnd()) {
            throw fail(Kind.BAD_VALUE, pos, "unexpected text after " + what + ", found "
                    + Checks.quote(text.substring(pos)));
        }
    }

    /** Demands that an {@code a=<name>} line ends here; builds its message only on failure. */
    public void endAttribute(String name) {
        if (!atEnd()) {
            end("a=" + name);
        }
    }

    /** Runs a model constructor; its IllegalArgumentException becomes a parse error at the last field read. */
    public <T> T build(Supplier<T> constructor) {
        return build(fieldStart, constructor);
    }

    public <T> T build(int index, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw fail(Kind.BAD_VALUE, index, e.getMessage());
        }
    }

    /** Marks where the value being read starts, for {@link #build(Supplier)}. */
    public void mark() {
        fieldStart = pos;
    }

    public int lastFieldStart() {
        return fieldStart;
    }

    /** An error at a 0-based index in the line. */
    public SdpParseException fail(Kind kind, int index, String detail) {
        return new SdpParseException(kind, lineNumber, index + 1, text, detail);
    }

    /** An error at the field last read. */
    public SdpParseException failField(Kind kind, String detail) {
        return fail(kind, fieldStart, detail);
    }
}
