package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §7), e.g. Firefox's
 * {@code a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level}; XEP-0294
 * {@code <rtp-hdrext id uri senders/>}.
 */
public record ExtMap(int id, Optional<Direction> direction, String uri, Optional<String> attributes) {
    public ExtMap {
        Checks.range(id, 1, 255, "extmap id");
        Checks.field(uri, "extmap URI");
        attributes.ifPresent(a -> Checks.lineSafe(a, "extmap attributes"));
    }

    public static ExtMap parse(String value) {
        int s1 = value.indexOf(' ');
        if (s1 <= 0) {
            throw new IllegalArgumentException("extmap needs <id>[/<direction>] <URI>, found " + Checks.quote(value));
        }
        Optional<Direction> direction = Optional.empty();
        int slash = value.indexOf('/');
        slash = slash < s1 ? slash : -1;
        if (slash >= 0) {
            String d = value.substring(slash + 1, s1);
            direction = Optional.of(Direction.find(d).orElseThrow(() -> new IllegalArgumentException(
                    "extmap direction must be sendrecv, sendonly, recvonly or inactive, found " + Checks.quote(d))));
        }
        int s2 = value.indexOf(' ', s1 + 1);
        String uri = s2 < 0 ? value.substring(s1 + 1) : value.substring(s1 + 1, s2);
        Optional<String> attrs = s2 < 0 ? Optional.empty() : Optional.of(value.substring(s2 + 1));
        // the id read in place, the string cut only for an error
        int id = (int) Numbers.parseLong(value, 0, slash >= 0 ? slash : s1, 1, 255, "extmap id");
        return new ExtMap(id, direction, uri, attrs);
    }

    public String toValue() {
        StringBuilder b = new StringBuilder(uri.length() + 16).append(id);
        if (direction.isPresent()) {
            b.append('/').append(direction.get().token());
        }
        b.append(' ').append(uri);
        if (attributes.isPresent()) {
            b.append(' ').append(attributes.get());
        }
        return b.toString();
    }
}
