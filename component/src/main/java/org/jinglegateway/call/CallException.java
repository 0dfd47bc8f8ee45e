package org.jinglegateway.call;

/**
 * A browser request that cannot be carried out: becomes one {@code error} frame with this code and message
 * (contracts.md §3); the socket and the other calls are untouched.
 */
public final class CallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public CallException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
