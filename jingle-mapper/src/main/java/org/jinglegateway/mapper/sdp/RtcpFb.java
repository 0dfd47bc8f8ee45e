package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<subtype and parameters>]} (RFC 4585 §4.2), including
 * {@code trr-int}; XEP-0293 {@code <rtcp-fb type subtype/>} and {@code <rtcp-fb-trr-int value/>}.
 */
public record RtcpFb(String payload, String type, Optional<String> subtype) {
    public RtcpFb {
        Checks.field(payload, "rtcp-fb payload type");
        if (!"*".equals(payload)) {
            Numbers.parseInt(payload, 0, 127, "rtcp-fb payload type");
        }
        // RFC 4585 §4.2: rtcp-fb-val is ack, nack, trr-int, ccm, app or an rtcp-fb-id, which is a token
        Checks.token(type, "rtcp-fb type");
        subtype.ifPresent(s -> Checks.lineSafe(s, "rtcp-fb subtype"));
    }

    public static RtcpFb parse(String value) {
        int s1 = value.indexOf(' ');
        if (s1 <= 0) {
            throw new IllegalArgumentException("rtcp-fb needs <payload type> <type>, found " + Checks.quote(value));
        }
        int s2 = value.indexOf(' ', s1 + 1);
        String type = s2 < 0 ? value.substring(s1 + 1) : value.substring(s1 + 1, s2);
        Optional<String> sub = s2 < 0 ? Optional.empty() : Optional.of(value.substring(s2 + 1));
        return new RtcpFb(value.substring(0, s1), type, sub);
    }

    public String toValue() {
        return payload + " " + type + subtype.map(s -> " " + s).orElse("");
    }
}
