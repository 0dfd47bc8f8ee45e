package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<extensionattributes>]} (RFC 8285 §8), including Firefox's
 * {@code a=extmap:3/sendonly urn:...} form. Session or media level.
 *
 * @param id         1-14 for one-byte, 1-255 for two-byte headers (RFC 8285 §5); 4096-4351 is the SDP-only range
 * @param direction  the optional direction, which is relative to the writer of the SDP
 * @param uri        the extension URI
 * @param attributes the extension attributes after the URI, kept as written
 */
public record ExtMap(int id, Optional<Direction> direction, String uri, Optional<String> attributes) {
    public ExtMap {
        Checks.range(id, 1, 4351, "extmap id");
        Objects.requireNonNull(direction, "extmap direction");
        Checks.field(uri, "extmap URI");
        Objects.requireNonNull(attributes, "extmap attributes");
        attributes.ifPresent(a -> nonEmptyLine(a, "extmap attributes"));
    }

    public static ExtMap of(int id, String uri) {
        return new ExtMap(id, Optional.empty(), uri, Optional.empty());
    }

    public ExtMap withDirection(Optional<Direction> newDirection) {
        return new ExtMap(id, newDirection, uri, attributes);
    }

    static void nonEmptyLine(String value, String field) {
        Checks.lineSafe(value, field);
        if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            throw new IllegalArgumentException(field + " must not be empty or start or end with a space, found "
                    + Checks.quote(value));
        }
    }
}
