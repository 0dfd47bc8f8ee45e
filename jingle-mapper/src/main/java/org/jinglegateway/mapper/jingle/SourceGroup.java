package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;

/** {@code <ssrc-group semantics>} with {@code <source ssrc/>} children (XEP-0339 §3.2), e.g. FID, SIM. */
public record SourceGroup(String semantics, List<Long> ssrcs) {
    public SourceGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }
}
