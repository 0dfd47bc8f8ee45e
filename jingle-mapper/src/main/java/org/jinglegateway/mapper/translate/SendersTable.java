package org.jinglegateway.mapper.translate;

import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.sdp.Direction;

/**
 * Direction (RFC 8866 §6.7, seen from the SDP's writer) to senders (XEP-0166 §7.3, seen from the session) and
 * back: one 2-D table keyed by the writer's role, used for contents and for rtp-hdrext (XEP-0294) alike.
 */
public final class SendersTable {
    // [role][direction] -> senders
    private static final Senders[][] TO_SENDERS = {
        // SENDRECV, SENDONLY, RECVONLY, INACTIVE    written by the initiator
        {Senders.BOTH, Senders.INITIATOR, Senders.RESPONDER, Senders.NONE},
        // written by the responder
        {Senders.BOTH, Senders.RESPONDER, Senders.INITIATOR, Senders.NONE},
    };

    private SendersTable() {
    }

    public static Senders senders(Role writer, Direction direction) {
        return TO_SENDERS[writer.ordinal()][direction.ordinal()];
    }

    public static Direction direction(Role writer, Senders senders) {
        for (Direction d : Direction.values()) {
            if (TO_SENDERS[writer.ordinal()][d.ordinal()] == senders) {
                return d;
            }
        }
        throw new IllegalStateException("no direction for " + senders);
    }
}
