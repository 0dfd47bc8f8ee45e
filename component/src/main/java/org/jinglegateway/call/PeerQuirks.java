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
 */
public record PeerQuirks(String client, String capsNode, boolean tcpCandidates, boolean speaksJmi) {

    public static final PeerQuirks DEFAULT = new PeerQuirks("unknown", "", false, true);

    public static final List<PeerQuirks> TABLE = List.of(
            new PeerQuirks("Conversations", "http://conversations.im", false, true),
            new PeerQuirks("Monal", "http://monal-im.org", false, true),
            new PeerQuirks("Monal", "https://monal-im.org", false, true),
            new PeerQuirks("Dino", "https://dino.im", false, true),
            new PeerQuirks("Gajim", "https://gajim.org", false, true),
            new PeerQuirks("Movim", "https://movim.eu", false, true),
            new PeerQuirks("StanzaJS", "https://stanzajs.org", true, false),
            new PeerQuirks("jingle-gateway", "https://github.com/jingle-gateway", true, true));

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
