package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;

/**
 * What each Jingle client needs, in one table (learned from their code and issue trackers). A peer is recognised
 * by the XEP-0115 caps node in its presence; an unknown peer gets {@link #DEFAULT}, which is the strictest row.
 *
 * @param client        name for logs and docs
 * @param capsNode      the prefix of the caps {@code node} the client advertises
 * @param tcpCandidates whether TCP candidates may be sent: XEP-0176 is ICE-UDP and has no tcptype, and
 *                      Conversations accepts only UDP candidates
 * @param speaksJmi     whether it answers an XEP-0353 propose at all (StanzaJS does not: a call to the bare JID of
 *                      a StanzaJS user goes to its online device as a direct session-initiate instead)
 * @param dataChannels  whether its disco#info lists XEP-0343 ({@code urn:xmpp:jingle:transports:dtls-sctp:1}), so
 *                      a browser's data channel may go to it: StanzaJS and the gateway's own devices do; Conversations,
 *                      Dino, Monal, Gajim and Movim do not (from their code and feature lists), and an unknown peer is
 *                      not sent one. This column is only the guess for a peer whose feature list the gateway has
 *                      not read yet: {@link PeerDirectory} asks each peer device's disco#info once per caps hash
 *                      (XEP-0115), and what it lists wins
 */
public record PeerQuirks(String client, String capsNode, boolean tcpCandidates, boolean speaksJmi,
                         boolean dataChannels) {

    public static final PeerQuirks DEFAULT = new PeerQuirks("unknown", "", false, true, false);

    /** The gateway's own devices (a call between two browser users). */
    public static final PeerQuirks GATEWAY = new PeerQuirks("jingle-gateway", "https://github.com/jingle-gateway",
            true, true, true);

    public static final List<PeerQuirks> TABLE = List.of(
            new PeerQuirks("Conversations", "http://conversations.im", false, true, false),
            new PeerQuirks("Monal", "http://monal-im.org", false, true, false),
            new PeerQuirks("Monal", "https://monal-im.org", false, true, false),
            new PeerQuirks("Dino", "https://dino.im", false, true, false),
            new PeerQuirks("Gajim", "https://gajim.org", false, true, false),
            new PeerQuirks("Movim", "https://movim.eu", false, true, false),
            new PeerQuirks("StanzaJS", "https://stanzajs.org", true, false, true),
            GATEWAY);

    /** This row with what the peer's own disco#info says of XEP-0343, which outranks the row's guess. */
    PeerQuirks withDataChannels(boolean listed) {
        return listed == dataChannels ? this : new PeerQuirks(client, capsNode, tcpCandidates, speaksJmi, listed);
    }

    /** The row for a caps node, or {@link #DEFAULT}. */
    public static PeerQuirks forCapsNode(Optional<String> node) {
        if (node.isEmpty()) {
            return DEFAULT;
        }
        for (PeerQuirks q : TABLE) {
            if (node.get().startsWith(q.capsNode)) {
                return q;
            }
        }
        return DEFAULT;
    }
}
