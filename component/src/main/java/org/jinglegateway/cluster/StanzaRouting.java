package org.jinglegateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Where a stanza goes in a cluster (docs/operations.md, "Several instances"): one that arrived here for a device
 * another instance holds goes to that instance's topic, one for a device nobody holds now waits in the directory,
 * a proposal to a user's bare JID rings on every instance with a device of the user, a peer's presence reaches every
 * instance. What an instance without an XMPP link of its own sends leaves on the link of one that has it.
 */
public final class StanzaRouting {
    private static final Logger log = LoggerFactory.getLogger(StanzaRouting.class);

    private final ClusterNode node;
    private final SharedDirectory directory;
    private final BooleanSupplier linkUp;
    /** Instances with an XMPP link now, by tag. */
    private volatile ReplicatedMap<String, Long> links;

    StanzaRouting(ClusterNode node, SharedDirectory directory, BooleanSupplier linkUp) {
        this.node = node;
        this.directory = directory;
        this.linkUp = linkUp;
        bind(node.hz());
    }

    /** Takes the shared map from {@code hz}, this instance's Hazelcast member now (see ClusterNode#renew). */
    void bind(HazelcastInstance hz) {
        links = hz.getReplicatedMap("jg-links");
    }

    /** Whether a browser device is held by this instance now (its device registry). */
    private volatile java.util.function.Predicate<JID> heldHere = j -> false;

    public void heldHere(java.util.function.Predicate<JID> here) {
        this.heldHere = here;
    }

    /** True while some instance of the cluster has an XMPP link. */
    public boolean anyLink() {
        return !node.excluded() && (linkUp.getAsBoolean() || links.keySet().stream().anyMatch(node::alive));
    }

    /** An instance left: its link is gone. */
    void forgetLink(String tag) {
        links.remove(tag);
    }

    /**
     * Decides where a stanza that arrived here goes. Returns false when this instance handles it; true when it went
     * to another instance, waits in the cluster for a device being claimed, or must not be answered by an instance
     * that is out of the cluster.
     */
    public boolean route(Packet packet) {
        return route(packet, 0);
    }

    /** How often a stanza may be passed on before it waits in the directory instead. */
    private static final int MAX_HOPS = 2;

    /** A stanza another instance passed on: handled here if the device is here, else routed again (or held). */
    void arrived(Packet packet, int hops) {
        JID to = packet.getTo();
        if (to == null || heldHere.test(to)) {
            node.local().deliver(packet);
        } else if (hops >= MAX_HOPS) {
            directory.hold(to, packet, "?");
        } else if (!route(packet, hops)) {
            node.local().deliver(packet);
        }
    }

    private boolean route(Packet packet, int hops) {
        if (node.excludedNow()) {
            log.debug("cluster.excluded dropped to={}", packet.getTo());
            return true;
        }
        JID to = packet.getTo();
        String asker = to == null || to.getResource() == null ? askerOf(packet) : null;
        if (asker != null) {
            node.publish(asker, new Notes.StanzaIn(packet.toXML(), hops + 1));
            return true;
        }
        if (to == null || to.getNode() == null) {
            return false;
        }
        if (packet instanceof Presence p) {
            return sharePresence(p);
        }
        if (to.getResource() == null) {
            return packet instanceof org.xmpp.packet.Message m && shareProposal(m, to);
        }
        if (heldHere.test(to)) {
            // the common case needs no directory read: the device is on this instance
            return false;
        }
        // a stanza passed on once already missed: the near cache of the instance that sent it lagged, ours may too
        DeviceEntry entry = hops > 0 ? directory.freshEntry(to.toString()) : directory.entry(to.toString());
        if (hops == 0 && (entry == null || entry.released() || entry.owner().equals(node.tag())
                || !node.alive(entry.owner()))) {
            // the rare paths (this instance does not hold the device, so an entry naming it is stale too), where a
            // copy that lags behind a claim would keep or drop the stanza for nobody
            entry = directory.freshEntry(to.toString());
        }
        if (entry == null || entry.owner().equals(node.tag()) && !entry.released()) {
            return false;
        }
        if (entry.released() || !node.alive(entry.owner())) {
            directory.hold(to, packet, entry.owner());
            return true;
        }
        node.publish(entry.owner(), new Notes.StanzaIn(packet.toXML(), hops + 1));
        return true;
    }

    /** Separates an id from the tag of the instance that sent the request (SharedDirectory#requestIdSuffix). */
    static final char ASKER = '~';

    /**
     * The live instance, other than this one, that sent the request this answer (an IQ result or error to a shared
     * address) is for, from the tag its id ends with; null when it is for this instance or for none.
     */
    private String askerOf(Packet packet) {
        if (!(packet instanceof IQ iq) || iq.getType() != IQ.Type.result && iq.getType() != IQ.Type.error
                || iq.getID() == null) {
            return null;
        }
        String id = iq.getID();
        int at = id.lastIndexOf(ASKER);
        if (at < 0 || id.length() - at - 1 != node.tag().length()) {
            return null;
        }
        String tag = id.substring(at + 1);
        return tag.equals(node.tag()) || !node.alive(tag) ? null : tag;
    }

    /** A peer's unavailable or caps presence: every instance hears it (each has its own calls and quirk table). */
    private boolean sharePresence(Presence p) {
        boolean everyone = p.getType() == null || p.getType() == Presence.Type.unavailable;
        if (everyone) {
            for (String other : node.otherTags()) {
                node.publish(other, new Notes.PresenceAll(p.toXML()));
            }
        }
        return false;
    }

    /** A message to a user's bare JID (a proposal): to every instance with a device of the user. */
    private boolean shareProposal(org.xmpp.packet.Message m, JID to) {
        Set<String> owners = directory.liveOwnersOf(to.getNode());
        if (owners.isEmpty() || owners.equals(Set.of(node.tag()))) {
            return false;
        }
        for (String owner : owners) {
            if (!owner.equals(node.tag())) {
                node.publish(owner, new Notes.SharedIn(m.toXML()));
            }
        }
        if (owners.contains(node.tag())) {
            node.local().deliverShared(m);
        }
        return true;
    }

    /**
     * A stanza to send while this instance has no XMPP link of its own (a standby behind Prosody): it leaves on the
     * link of an instance that has one. False when this instance has its own link, or no instance has one.
     */
    public boolean sendElsewhere(Packet packet) {
        if (linkUp.getAsBoolean() || node.excluded()) {
            return false;
        }
        for (String other : links.keySet()) {
            if (!other.equals(node.tag()) && node.alive(other)) {
                node.publish(other, new Notes.StanzaOut(packet.toXML()));
                return true;
            }
        }
        return false;
    }

    /** This instance's XMPP link is up or down. */
    public void link(boolean up) {
        if (node.excluded()) {
            return;
        }
        if (up) {
            links.put(node.tag(), System.currentTimeMillis());
        } else {
            links.remove(node.tag());
        }
    }
}
