package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * An {@code a=<name>[:<value>]} line (RFC 8866 §5.13) that the model does not type, kept in order so that it
 * writes back as it was read. The value is everything after the first {@code :}, as written.
 */
public record UnknownAttribute(String name, Optional<String> value) {
    public UnknownAttribute {
        Checks.token(name, "attribute name");
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("attribute name must not contain \":\", found " + Checks.quote(name));
        }
        Objects.requireNonNull(value, "attribute value");
        value.ifPresent(v -> SdpText.lineEnd(v, "attribute value"));
    }

    public static UnknownAttribute flag(String name) {
        return new UnknownAttribute(name, Optional.empty());
    }

    public static UnknownAttribute of(String name, String value) {
        return new UnknownAttribute(name, Optional.of(value));
    }
}
