package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <jingle xmlns='urn:xmpp:jingle:1' action sid initiator responder>} (XEP-0166 §7.1): contents, XEP-0338
 * groups, a reason, and the rest (session-info payloads, ...) in {@code extra}.
 */
public record Jingle(JingleAction action, String sid, Optional<String> initiator, Optional<String> responder,
                     List<Content> contents, List<ContentGroup> groups, Optional<Reason> reason,
                     List<RawXml> extra) {
    public Jingle {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sid, "sid");
        contents = List.copyOf(contents);
        groups = List.copyOf(groups);
        extra = List.copyOf(extra);
    }
}
