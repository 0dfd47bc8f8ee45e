package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code a=ssrc:1234 cname:abc} or
 * {@code a=ssrc:1234 msid:stream track}.
 */
public record Ssrc(long ssrc, String attribute, Optional<String> value) {
    public Ssrc {
        Checks.range(ssrc, 0L, 0xFFFF_FFFFL, "ssrc");
        Checks.token(attribute, "ssrc attribute");
        if (attribute.indexOf(':') >= 0) {
            throw new IllegalArgumentException("ssrc attribute must not contain \":\", found "
                    + Checks.quote(attribute));
        }
        Objects.requireNonNull(value, "ssrc attribute value");
        value.ifPresent(v -> SdpText.lineEnd(v, "ssrc attribute value"));
    }

    public static Ssrc of(long ssrc, String attribute, String value) {
        return new Ssrc(ssrc, attribute, Optional.of(value));
    }
}
