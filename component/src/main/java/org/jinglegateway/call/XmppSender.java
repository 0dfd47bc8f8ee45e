package org.jinglegateway.call;

import org.xmpp.packet.Packet;

/** Where the call layer's stanzas go: the component's XMPP connection (or a test's list). */
@FunctionalInterface
public interface XmppSender {
    void send(Packet packet);
}
