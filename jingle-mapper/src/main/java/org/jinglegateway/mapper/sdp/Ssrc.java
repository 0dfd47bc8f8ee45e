package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code a=ssrc:12345 cname:abc} or
 * {@code a=ssrc:12345 msid:stream track}; XEP-0339 {@code <source ssrc><parameter name value/></source>}.
 */
public record Ssrc(long ssrc, String attribute, Optional<String> value) {
    public Ssrc {
        Checks.range(ssrc, 0, 0xFFFF_FFFFL, "ssrc-id");
        Checks.field(attribute, "ssrc attribute");
        value.ifPresent(v -> Checks.lineSafe(v, "ssrc attribute value"));
        if (attribute.equals("msid")) {
            // it becomes the XEP-0339 msid parameter, which comes back as a=msid (RFC 5576 §4.1, RFC 8830 §2)
            Msid.check(value.orElse(""));
        }
    }

    public static Ssrc parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("ssrc needs <ssrc-id> <attribute>[:<value>], found "
                    + Checks.quote(value));
        }
        long id = Numbers.parseLong(value, 0, space, 0, 0xFFFF_FFFFL, "ssrc-id");
        int colon = value.indexOf(':', space + 1);
        return colon < 0 ? new Ssrc(id, value.substring(space + 1), Optional.empty())
                : new Ssrc(id, value.substring(space + 1, colon), Optional.of(value.substring(colon + 1)));
    }

    public String toValue() {
        return ssrc + " " + attribute + value.map(v -> ":" + v).orElse("");
    }
}
