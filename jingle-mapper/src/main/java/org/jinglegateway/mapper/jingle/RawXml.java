package org.jinglegateway.mapper.jingle;

import java.util.Objects;

/**
 * An element this model does not type, kept as its serialised XML so the model stays immutable and nothing is
 * dropped (STYLE.md §3). The writer puts it back in its parent.
 */
public record RawXml(String xml) {
    public RawXml {
        Objects.requireNonNull(xml, "xml");
        if (!xml.startsWith("<")) {
            throw new IllegalArgumentException("raw XML must be an element, found " + xml);
        }
    }
}
