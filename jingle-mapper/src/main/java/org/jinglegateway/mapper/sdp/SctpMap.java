package org.jinglegateway.mapper.sdp;

import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * The old {@code a=sctpmap:<number> <app> [<streams>]} of draft-ietf-mmusic-sctp-sdp-05 §4.1 (XEP-0343 still uses
 * it), e.g. {@code a=sctpmap:5000 webrtc-datachannel 1024}. RFC 8841 replaced it with {@code a=sctp-port}.
 * Not checked by {@link SdpParser}.
 */
public record SctpMap(int number, String app, OptionalInt streams) {
    public SctpMap {
        Checks.range(number, 0, 65535, "sctpmap number");
        Checks.token(app, "sctpmap app");
        streams.ifPresent(s -> Checks.range(s, 0, 65535, "sctpmap streams"));
    }

    public static SctpMap parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length < 2 || f.length > 3) {
            throw new IllegalArgumentException("sctpmap needs <number> <app> [<streams>], found "
                    + Checks.quote(value));
        }
        return new SctpMap(Numbers.parseInt(f[0], 0, 65535, "sctpmap number"), f[1], f.length == 3
                ? OptionalInt.of(Numbers.parseInt(f[2], 0, 65535, "sctpmap streams")) : OptionalInt.empty());
    }

    public String toValue() {
        return number + " " + app + (streams.isPresent() ? " " + streams.getAsInt() : "");
    }
}
