package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rid:<rid-id> <direction> [<rid-pt-param-list>]} (RFC 8851 §10), e.g. {@code a=rid:h send} or
 * {@code a=rid:l send pt=96;max-width=320}. The restrictions are kept as written.
 */
public record Rid(String id, RidDirection direction, Optional<String> restrictions) {
    public Rid {
        Checks.token(id, "rid id");
        Objects.requireNonNull(direction, "rid direction");
        Objects.requireNonNull(restrictions, "rid restrictions");
        restrictions.ifPresent(r -> Checks.field(r, "rid restrictions"));
    }

    public static Rid of(String id, RidDirection direction) {
        return new Rid(id, direction, Optional.empty());
    }
}
