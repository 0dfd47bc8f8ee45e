package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/** {@code a=ssrc-group:<semantics> *(SP <ssrc-id>)} (RFC 5576 §4.2), e.g. {@code a=ssrc-group:FID 1 2}. */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        Checks.token(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
        ssrcs.forEach(s -> Checks.range(s, 0L, 0xFFFF_FFFFL, "ssrc-group ssrc"));
    }
}
