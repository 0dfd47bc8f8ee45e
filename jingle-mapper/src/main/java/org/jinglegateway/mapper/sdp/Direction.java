package org.jinglegateway.mapper.sdp;

import java.util.Optional;

/** Media direction attributes (RFC 8866 §6.7), also the {@code /<direction>} of {@code a=extmap} (RFC 8285). */
public enum Direction {
    SENDRECV("sendrecv", true, true), SENDONLY("sendonly", true, false), RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String token;
    private final boolean sends;
    private final boolean receives;

    Direction(String token, boolean sends, boolean receives) {
        this.token = token;
        this.sends = sends;
        this.receives = receives;
    }

    public String token() {
        return token;
    }

    /** Whether the writer of the SDP sends. */
    public boolean sends() {
        return sends;
    }

    /** Whether the writer of the SDP receives. */
    public boolean receives() {
        return receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    public static Optional<Direction> find(String token) {
        for (Direction d : values()) {
            if (d.token.equals(token)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
