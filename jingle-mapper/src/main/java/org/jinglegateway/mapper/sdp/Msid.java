package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=msid:<msid-id> [<msid-appdata>]} (RFC 8830 §2), e.g. {@code a=msid:stream0 track0} or Firefox's
 * {@code a=msid:{uuid} {uuid}}; {@code -} as the id means "no stream" (RFC 9429 §5.2.1). Not checked by
 * {@link SdpParser}, so {@link #parse} may throw IllegalArgumentException on a parsed SDP.
 */
public record Msid(String id, Optional<String> appData) {
    public Msid {
        Checks.field(id, "msid id");
        appData.ifPresent(a -> Checks.field(a, "msid appdata"));
    }

    public static Msid parse(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? new Msid(value, Optional.empty())
                : new Msid(value.substring(0, space), Optional.of(value.substring(space + 1)));
    }

    public String toValue() {
        return id + appData.map(a -> " " + a).orElse("");
    }
}
