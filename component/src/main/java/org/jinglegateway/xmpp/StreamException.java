package org.jinglegateway.xmpp;

/**
 * The stream must end with a stream error: either we detected the problem ({@link #local()}) and send the
 * condition, or the server sent it to us.
 */
public final class StreamException extends Exception {
    private static final long serialVersionUID = 1L;

    private final StreamErrorCondition condition;
    private final boolean local;
    private final boolean closed;

    private StreamException(StreamErrorCondition condition, String text, boolean local, boolean closed) {
        super(text);
        this.condition = condition;
        this.local = local;
        this.closed = closed;
    }

    /** The connection ended without a stream error (TCP closed, reset, timed out): reconnect, send nothing. */
    public static StreamException closed(String text) {
        return new StreamException(StreamErrorCondition.CONNECTION_TIMEOUT, text, false, true);
    }

    /** We found a problem in what the server sent and close the stream with this condition. */
    public static StreamException local(StreamErrorCondition condition, String text) {
        return new StreamException(condition, text, true, false);
    }

    /** The server closed the stream with this condition. */
    public static StreamException remote(StreamErrorCondition condition, String text) {
        return new StreamException(condition, text, false, false);
    }

    public StreamErrorCondition condition() {
        return condition;
    }

    public boolean local() {
        return local;
    }

    /** True when the connection simply ended, so no stream error can or need be sent. */
    public boolean closed() {
        return closed;
    }
}
