package org.jinglegateway.cluster;

import java.io.Serializable;

/**
 * What one instance tells another over its Hazelcast topic ({@code jg-to-<tag>}), in the order it published them.
 * Stanzas travel as the XML the server sent or that an instance would send.
 */
final class Notes {
    private Notes() {
    }

    /** Anything published on an instance's topic. */
    sealed interface Note extends Serializable {
    }

    /**
     * A stanza for a device or call held by the receiver: handled there as if its own link had carried it. The
     * sender's view of who holds the device may be a moment old (a near cache), so a receiver that no longer holds it
     * routes it again; {@code hops} counts how often it was passed on.
     */
    record StanzaIn(String xml, int hops) implements Note {
    }

    /** A proposal to a user with devices on several instances: each rings its own, none refuses for lack of one. */
    record SharedIn(String xml) implements Note {
    }

    /** A stanza to write on the receiver's XMPP link (the sender has none: a standby behind Prosody). */
    record StanzaOut(String xml) implements Note {
    }

    /** A proposal was taken or declined on a device of the sender: the receiver's ringing devices stop. */
    record SiblingsEnded(String user, String sid, String peerBare, String reason, String text) implements Note {
    }

    /** A peer's presence that every instance must hear (it went offline, or announced its caps). */
    record PresenceAll(String xml) implements Note {
    }

    /** An administrator reloaded the configuration on one instance: every other one reloads too. */
    record Reload(String by) implements Note {
    }
}
