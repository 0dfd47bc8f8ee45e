package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rid:<rid-id> <direction> [<rid-pt-param-list>]} (RFC 8851 §10), e.g. {@code a=rid:h send} or
 * {@code a=rid:l send pt=96;max-width=320}; the restrictions are kept as written. Not checked by
 * {@link SdpParser}.
 *
 * @param send true for {@code send}, false for {@code recv}
 */
public record Rid(String id, boolean send, Optional<String> restrictions) {
    public Rid {
        Checks.token(id, "rid id");
        restrictions.ifPresent(r -> Checks.field(r, "rid restrictions"));
    }

    public static Rid parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length < 2 || f.length > 3 || !(f[1].equals("send") || f[1].equals("recv"))) {
            throw new IllegalArgumentException("rid needs <rid-id> send|recv [<restrictions>], found "
                    + Checks.quote(value));
        }
        return new Rid(f[0], f[1].equals("send"), f.length == 3 ? Optional.of(f[2]) : Optional.empty());
    }

    public String toValue() {
        return id + (send ? " send" : " recv") + restrictions.map(r -> " " + r).orElse("");
    }
}
