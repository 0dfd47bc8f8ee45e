package org.jinglegateway.mapper.candidate;

import org.jinglegateway.mapper.MapperException;

/**
 * A candidate string that {@link CandidateParser} cannot read, with the 1-based column in that string and a caret
 * in the style of STYLE.md §6. {@link org.jinglegateway.mapper.sdp.SdpParser} turns it into an
 * {@link org.jinglegateway.mapper.sdp.SdpParseException} on the {@code a=candidate} line.
 */
public final class CandidateParseException extends MapperException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Kind {
        /** A required field is missing. */
        MISSING_FIELD,
        /** A number is not a number or out of range. */
        BAD_NUMBER,
        /** A value is not in the RFC 8839 §5.1 grammar. */
        BAD_VALUE
    }

    private final Kind kind;
    private final int column;
    private final String input;
    private final String detail;

    public CandidateParseException(Kind kind, int column, String input, String detail) {
        super("ICE candidate, column " + column + ": " + detail + "\n  " + input + "\n  " + " ".repeat(column - 1)
                + "^");
        this.kind = kind;
        this.column = column;
        this.input = input;
        this.detail = detail;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** 1-based column in {@link #input()}. */
    public int column() {
        return column;
    }

    public String input() {
        return input;
    }

    public String detail() {
        return detail;
    }
}
