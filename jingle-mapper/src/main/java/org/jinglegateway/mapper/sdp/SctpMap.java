package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * The old {@code a=sctpmap:<number> <app> [<streams>]} of draft-ietf-mmusic-sctp-sdp-05 §4.1 (still used by
 * XEP-0343 and old peers), e.g. {@code a=sctpmap:5000 webrtc-datachannel 1024}. RFC 8841 replaced it with
 * {@code a=sctp-port}.
 */
public record SctpMap(int number, String app, OptionalInt streams) {
    public SctpMap {
        Checks.range(number, 0, 65535, "sctpmap number");
        Checks.token(app, "sctpmap app");
        Objects.requireNonNull(streams, "sctpmap streams");
        streams.ifPresent(s -> Checks.range(s, 0, 65535, "sctpmap streams"));
    }
}
