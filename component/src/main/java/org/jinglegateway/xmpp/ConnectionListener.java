package org.jinglegateway.xmpp;

/** What the connector tells the rest of the gateway. */
public interface ConnectionListener {
    /** The handshake completed: the component is registered with the server. */
    void connected(String domain);

    /** The connection dropped; the connector is retrying and holds what is sent meanwhile. */
    void disconnected(String reason);

    /** The server refused us for a reason that retrying cannot fix (wrong secret, unknown domain). */
    void fatal(StreamErrorCondition condition, String message);

    /**
     * More was to be sent while the link was down than {@code xmpp.held-stanzas} / {@code xmpp.held-bytes} allow:
     * what was held is gone. Called once per gap.
     */
    default void heldOverflow() {
    }

    /** One stanza arrived from the server (for metrics). */
    default void stanzaIn() {
    }

    /** One stanza went to the server (for metrics). */
    default void stanzaOut() {
    }
}
