package org.jinglegateway.mapper.jingle;

import java.util.Objects;
import java.util.Optional;

/** {@code <rtcp-fb type subtype/>} (XEP-0293 §4), at description level or in a payload type. */
public record RtcpFeedback(String type, Optional<String> subtype) {
    public RtcpFeedback {
        Objects.requireNonNull(type, "rtcp-fb type");
        Objects.requireNonNull(subtype, "rtcp-fb subtype");
    }
}
