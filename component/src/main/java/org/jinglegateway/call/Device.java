package org.jinglegateway.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xmpp.packet.JID;

/** One registered browser device: {@code user@domain/resource} with a socket to send frames on. */
public interface Device {
    /** The device's full JID. */
    JID jid();

    /** Sends one frame (docs/protocol.md); never blocks and never throws for a closed socket. */
    void send(ObjectNode frame);

    /** Closes the device's connection (an administrator disconnected it). */
    default void disconnect(String reason) {
    }
}
