package org.jinglegateway.mapper.jingle;

import java.util.Optional;

/**
 * An SDP direction written after an {@code <rtp-hdrext/>} id, as Conversations copies it from
 * {@code a=extmap:2/recvonly} (RFC 8285 §7): the direction is its writer's, and the writer's role follows from the
 * action (the initiator writes session-initiate, the responder session-accept). For other actions the writer's
 * role is unknown, and a one-way direction gives no senders.
 */
final class HdrextDirection {
    private HdrextDirection() {
    }

    /** The senders a direction means, if we can tell; an unknown direction is an IllegalArgumentException. */
    static Optional<Senders> senders(String direction, JingleAction action) {
        Senders writer = action == JingleAction.SESSION_INITIATE ? Senders.INITIATOR
                : action == JingleAction.SESSION_ACCEPT ? Senders.RESPONDER : null;
        Senders other = writer == null ? null : writer == Senders.INITIATOR ? Senders.RESPONDER : Senders.INITIATOR;
        return switch (direction) {
            case "sendrecv" -> Optional.of(Senders.BOTH);
            case "inactive" -> Optional.of(Senders.NONE);
            case "sendonly" -> Optional.ofNullable(writer);
            case "recvonly" -> Optional.ofNullable(other);
            default -> throw new IllegalArgumentException("must be a number 1-255, optionally followed by /sendrecv,"
                    + " /sendonly, /recvonly or /inactive, found direction \"" + direction + "\"");
        };
    }
}
