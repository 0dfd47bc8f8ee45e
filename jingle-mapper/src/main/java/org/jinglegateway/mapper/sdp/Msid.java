package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=msid:<msid-id> [<msid-appdata>]} (RFC 8830 §2), e.g. {@code a=msid:stream0 track0} or Firefox's
 * {@code a=msid:{uuid} {uuid}}. {@code -} as the id means "no stream" (RFC 9429 §5.2.1).
 */
public record Msid(String id, Optional<String> appData) {
    public Msid {
        Checks.field(id, "msid id");
        Objects.requireNonNull(appData, "msid appdata");
        appData.ifPresent(a -> Checks.field(a, "msid appdata"));
    }
}
