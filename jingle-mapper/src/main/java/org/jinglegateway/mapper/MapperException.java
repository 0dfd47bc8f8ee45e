package org.jinglegateway.mapper;

/**
 * Base of every failure the mapper reports (STYLE.md §6). Parsers never let another runtime exception escape:
 * they convert {@link NumberFormatException} and friends where they arise into a subclass of this, whose message
 * says what was wrong, where, what was found and what was expected.
 *
 * <p>Unchecked so that table-driven parse and write functions compose; every public entry point still declares it.
 */
public abstract class MapperException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected MapperException(String message) {
        super(message, null, false, false);
    }

    protected MapperException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** What kind of failure this is: the label metrics count by. */
    public abstract Enum<?> kind();
}
