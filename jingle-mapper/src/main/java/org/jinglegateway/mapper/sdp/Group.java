package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=group:<semantics> *(SP <identification-tag>)} (RFC 5888 §5), e.g. {@code a=group:BUNDLE 0 1 2}
 * (RFC 8843 §7.1) or {@code LS}.
 */
public record Group(String semantics, List<String> mids) {
    public Group {
        Checks.token(semantics, "group semantics");
        mids = List.copyOf(mids);
        mids.forEach(m -> Checks.token(m, "group identification tag"));
    }
}
