package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code t=<start-time> <stop-time>} with its {@code r=} lines (RFC 8866 §5.9, §5.10). WebRTC always writes
 * {@code t=0 0}. Repeat lines are kept as their text after {@code r=}.
 */
public record Timing(long start, long stop, List<String> repeats) {
    public Timing {
        Checks.range(start, 0L, Long.MAX_VALUE, "timing start");
        Checks.range(stop, 0L, Long.MAX_VALUE, "timing stop");
        repeats = List.copyOf(repeats);
        repeats.forEach(r -> SdpText.lineEnd(r, "repeat time"));
    }

    /** {@code t=0 0}: an unbounded session. */
    public static Timing unbounded() {
        return new Timing(0, 0, List.of());
    }
}
