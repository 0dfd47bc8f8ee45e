package org.jinglegateway.call;

import java.util.Objects;
import org.xmpp.packet.JID;

/**
 * A Jingle session as the XMPP side names it (XEP-0166 §7.1): the peer, our device and the sid. The peer is kept
 * bare, so that messages from any of the peer's devices find a proposed call before one of them proceeds; once a
 * peer device has proceeded or initiated, the call checks the full JID itself.
 */
public record CallKey(JID peerBare, JID local, String sid) {
    public CallKey {
        Objects.requireNonNull(peerBare, "peerBare");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(sid, "sid");
        peerBare = peerBare.asBareJID();
    }
}
