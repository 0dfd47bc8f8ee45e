package org.jinglegateway.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * What the gateway knows of peer devices from their presence: the XEP-0115 caps node of each, which picks its row
 * of the {@link PeerQuirks} table. Indexed by user, so a call to a bare JID looks at that user's devices only.
 */
final class PeerDirectory {
    private final Map<JID, Map<JID, String>> nodesByUser = new ConcurrentHashMap<>();
    /** The gateway's own domain: its users' devices are the gateway's, whose presence it never receives. */
    private final String domain;

    PeerDirectory(String domain) {
        this.domain = domain;
    }

    /** A peer device's caps node, seen in its presence. */
    void caps(JID full, String node) {
        nodesByUser.compute(full.asBareJID(), (u, m) -> {
            Map<JID, String> nodes = m == null ? new ConcurrentHashMap<>() : m;
            nodes.put(full, node);
            return nodes;
        });
    }

    /** A peer device went offline. */
    void offline(JID full) {
        nodesByUser.computeIfPresent(full.asBareJID(), (u, m) -> {
            m.remove(full);
            return m.isEmpty() ? null : m;
        });
    }

    /**
     * The quirk row of a peer device: {@link PeerQuirks#GATEWAY} for a device of ours, {@link PeerQuirks#DEFAULT}
     * when its caps are unknown.
     */
    PeerQuirks quirks(JID full) {
        if (domain.equals(full.getDomain())) {
            return PeerQuirks.GATEWAY;
        }
        return PeerQuirks.forCapsNode(Optional.ofNullable(nodesByUser.getOrDefault(full.asBareJID(), Map.of())
                .get(full)));
    }

    /**
     * A bare JID whose every online device we know (from caps in presence) cannot answer XEP-0353 (StanzaJS): the
     * call goes straight to one of those devices instead of a propose nobody answers.
     */
    Optional<JID> deviceWithoutJmi(JID bare) {
        List<JID> known = nodesByUser.getOrDefault(bare.asBareJID(), Map.of()).keySet().stream().sorted().toList();
        if (known.isEmpty() || known.stream().anyMatch(j -> quirks(j).speaksJmi())) {
            return Optional.empty();
        }
        return Optional.of(known.get(0));
    }
}
