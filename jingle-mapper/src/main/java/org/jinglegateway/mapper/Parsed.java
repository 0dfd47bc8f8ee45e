package org.jinglegateway.mapper;

import java.util.List;
import java.util.Objects;

/**
 * A value read or translated by the mapper, with the notes about what was tolerated, approximated or dropped.
 *
 * @param value the result
 * @param notes what the caller may want to log, in the order it happened
 * @param <T>   the result's type
 */
public record Parsed<T>(T value, List<MappingNote> notes) {
    public Parsed {
        Objects.requireNonNull(value, "value");
        notes = List.copyOf(notes);
    }

    /** A result with nothing to report. */
    public static <T> Parsed<T> clean(T value) {
        return new Parsed<>(value, List.of());
    }
}
