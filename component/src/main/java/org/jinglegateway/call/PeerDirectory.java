package org.jinglegateway.call;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * What the gateway knows of peer devices from their presence: the {@link PeerQuirks} row each one's XEP-0115 caps
 * node picks, and whether its disco#info lists XEP-0343, asked once per caps hash it announces. Indexed by user, so a
 * call to a bare JID looks at that user's devices only. Only these facts are kept, never the node or the feature list.
 *
 * <p>Everything here is bounded, since any contact can send presence as often, from as many resources and with as
 * many hashes as it likes: users, devices per user, feature answers (the last hash of each device) and questions in
 * flight are capped in number.
 */
final class PeerDirectory {
    static final String DATA_CHANNELS = "urn:xmpp:jingle:transports:dtls-sctp:1";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    /** Devices of one user whose caps row is kept; a further device gets {@link PeerQuirks#DEFAULT}. */
    static final int MAX_DEVICES_PER_USER = 100;
    private static final int MAX_CAPS_LENGTH = 1024;

    private final Cache<JID, Map<JID, PeerQuirks>> rowsByUser = CacheBuilder.newBuilder().maximumSize(100_000).build();
    /** Whether each device's current caps hash lists XEP-0343; empty while asked or when it could not be read. */
    private final Cache<JID, Features> features = CacheBuilder.newBuilder().maximumSize(100_000).build();
    private final Cache<String, Asked> asked = CacheBuilder.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final Ids ids = new Ids();
    /** The gateway's own domain: its users' devices are the gateway's, whose presence it never receives. */
    private final String domain;

    private record Features(String ver, Optional<Boolean> dataChannels) {
    }

    private record Asked(JID device, String ver) {
    }

    PeerDirectory(String domain) {
        this.domain = domain;
    }

    /** A peer device's caps node, seen in its presence: the row it picks is kept. */
    void caps(JID full, String node) {
        PeerQuirks row = PeerQuirks.forCapsNode(Optional.of(node));
        rowsByUser.asMap().compute(full.asBareJID(), (u, m) -> {
            Map<JID, PeerQuirks> rows = m == null ? new ConcurrentHashMap<>() : m;
            if (rows.containsKey(full) || rows.size() < MAX_DEVICES_PER_USER) {
                rows.put(full, row);
            }
            return rows;
        });
    }

    /**
     * The disco#info question to send (XEP-0115 §6.2) when a device announces a caps hash whose feature list the
     * gateway has not read for it yet; empty when it has, or when the values are not worth a question.
     */
    Optional<IQ> askFeatures(JID full, JID from, String node, String ver, String idSuffix) {
        if (ver == null || ver.isEmpty() || node.length() + ver.length() > MAX_CAPS_LENGTH) {
            return Optional.empty();
        }
        Features known = features.getIfPresent(full);
        if (known != null && known.ver().equals(ver)) {
            return Optional.empty();
        }
        features.put(full, new Features(ver, Optional.empty()));
        // the answer goes to from, a shared address: in a cluster, the suffix names this instance (Directory)
        IQ question = new IQ(IQ.Type.get, "caps-" + ids.next(12) + idSuffix);
        question.setFrom(from);
        question.setTo(full);
        question.setChildElement("query", DISCO_INFO).addAttribute("node", node + "#" + ver);
        asked.put(question.getID(), new Asked(full, ver));
        return Optional.of(question);
    }

    /**
     * Takes the answer to one of {@link #askFeatures}'s questions; false when the IQ answers no such question (or
     * comes from another JID than the one asked).
     */
    boolean featuresAnswered(IQ reply) {
        Asked question = reply.getID() == null ? null : asked.getIfPresent(reply.getID());
        if (question == null || !question.device().equals(reply.getFrom())) {
            return false;
        }
        asked.invalidate(reply.getID());
        Element query = reply.getType() == IQ.Type.result ? reply.getChildElement() : null;
        if (query == null || !DISCO_INFO.equals(query.getNamespaceURI())) {
            return true;
        }
        boolean dataChannels = query.elements("feature").stream()
                .anyMatch(f -> DATA_CHANNELS.equals(f.attributeValue("var")));
        Features current = features.getIfPresent(question.device());
        if (current != null && current.ver().equals(question.ver())) {
            features.put(question.device(), new Features(question.ver(), Optional.of(dataChannels)));
        }
        return true;
    }

    /** A peer device went offline. */
    void offline(JID full) {
        features.invalidate(full);
        rowsByUser.asMap().computeIfPresent(full.asBareJID(), (u, m) -> {
            m.remove(full);
            return m.isEmpty() ? null : m;
        });
    }

    /**
     * The quirk row of a peer device: {@link PeerQuirks#GATEWAY} for a device of ours, {@link PeerQuirks#DEFAULT}
     * when its caps are unknown; its data-channel column from the device's own feature list once read.
     */
    PeerQuirks quirks(JID full) {
        if (domain.equals(full.getDomain())) {
            return PeerQuirks.GATEWAY;
        }
        Map<JID, PeerQuirks> rows = rowsByUser.getIfPresent(full.asBareJID());
        PeerQuirks row = rows == null ? PeerQuirks.DEFAULT : rows.getOrDefault(full, PeerQuirks.DEFAULT);
        Features known = features.getIfPresent(full);
        return known == null || known.dataChannels().isEmpty() ? row
                : row.withDataChannels(known.dataChannels().get());
    }

    /**
     * A bare JID whose every online device we know (from caps in presence) cannot answer XEP-0353 (StanzaJS): the
     * call goes straight to one of those devices instead of a propose nobody answers.
     */
    Optional<JID> deviceWithoutJmi(JID bare) {
        Map<JID, PeerQuirks> rows = rowsByUser.getIfPresent(bare.asBareJID());
        List<JID> known = rows == null ? List.of() : rows.keySet().stream().sorted().toList();
        if (known.isEmpty() || known.stream().anyMatch(j -> quirks(j).speaksJmi())) {
            return Optional.empty();
        }
        return Optional.of(known.get(0));
    }
}
