package org.jinglegateway.xmpp;

/** What the connector tells the rest of the gateway. */
public interface ConnectionListener {
    /** The handshake completed: the component is registered with the server. */
    void connected(String domain);

    /** The connection dropped; the connector is retrying. */
    void disconnected(String reason);

    /** The server refused us for a reason that retrying cannot fix (wrong secret, unknown domain). */
    void fatal(StreamErrorCondition condition, String message);

    /** One stanza arrived from the server (for metrics). */
    default void stanzaIn() {
    }

    /** One stanza went to the server (for metrics). */
    default void stanzaOut() {
    }
}
