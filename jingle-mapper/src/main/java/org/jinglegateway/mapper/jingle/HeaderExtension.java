package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <rtp-hdrext id uri senders/>} (XEP-0294 §4) with its parameters. */
public record HeaderExtension(int id, String uri, Optional<Senders> senders, List<Parameter> parameters) {
    public HeaderExtension {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("rtp-hdrext id must be 1-255, found " + id);
        }
        Objects.requireNonNull(uri, "uri");
        parameters = List.copyOf(parameters);
    }
}
