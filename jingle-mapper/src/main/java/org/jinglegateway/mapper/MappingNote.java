package org.jinglegateway.mapper;

import java.util.Objects;

/**
 * Something the mapper did that the caller may want to log or count: a leniency it applied while reading, or a
 * value it approximated or dropped while translating (STYLE.md §1: the mapper returns notes, it never logs).
 *
 * @param kind  what happened
 * @param where where, e.g. {@code SDP line 12}, {@code content "0"} or an element path
 * @param text  one sentence for a log line, naming the spec section where one applies
 */
public record MappingNote(Kind kind, String where, String text) {

    /** What a note reports. */
    public enum Kind {
        /** Input was not strictly valid but was accepted by a named leniency. */
        LENIENCY,
        /** A value had no exact counterpart and was mapped to the nearest one. */
        APPROXIMATED,
        /** A value had no counterpart at all and was left out. */
        DROPPED,
        /** A value was absent and the documented default was used. */
        DEFAULTED
    }

    public MappingNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return kind + " at " + where + ": " + text;
    }
}
