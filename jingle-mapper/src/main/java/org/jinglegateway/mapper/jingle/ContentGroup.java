package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;

/** {@code <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics>} with content names (XEP-0338 §3). */
public record ContentGroup(String semantics, List<String> contents) {
    public ContentGroup {
        Objects.requireNonNull(semantics, "semantics");
        contents = List.copyOf(contents);
    }
}
