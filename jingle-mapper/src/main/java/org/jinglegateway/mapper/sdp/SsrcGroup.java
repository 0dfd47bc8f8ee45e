package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/** {@code a=ssrc-group:<semantics> <ssrc-id> ...} (RFC 5576 §4.2); XEP-0339 {@code <ssrc-group semantics>}. */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        Checks.token(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
    }

    public static SsrcGroup parse(String value) {
        String[] f = value.split(" ", -1);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            ids.add(Numbers.parseLong(f[i], 0, 0xFFFF_FFFFL, "ssrc-group ssrc-id"));
        }
        return new SsrcGroup(f[0], ids);
    }

    public String toValue() {
        StringBuilder b = new StringBuilder(semantics);
        ssrcs.forEach(s -> b.append(' ').append(s));
        return b.toString();
    }
}
