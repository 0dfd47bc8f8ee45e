package org.jinglegateway.call;

/**
 * A browser request that cannot be carried out: becomes one {@code error} frame with this code and message
 * (docs/protocol.md); the socket and the other calls are untouched. The message is the gateway's own words: what was
 * wrong and what is expected, never a library's exception text.
 */
public final class CallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public CallException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
