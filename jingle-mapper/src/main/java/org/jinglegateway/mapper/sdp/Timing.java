package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** {@code t=<start-time> <stop-time>} (RFC 8866 §5.9); WebRTC always writes {@code t=0 0}. */
public record Timing(long start, long stop) {
    public static final Timing PERMANENT = new Timing(0, 0);

    public Timing {
        Checks.range(start, 0, Long.MAX_VALUE, "t= start-time");
        Checks.range(stop, 0, Long.MAX_VALUE, "t= stop-time");
    }

    @Override
    public String toString() {
        return start + " " + stop;
    }
}
