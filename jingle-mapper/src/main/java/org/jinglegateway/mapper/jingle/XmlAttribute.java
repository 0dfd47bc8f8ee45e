package org.jinglegateway.mapper.jingle;

import java.util.Objects;

/** An attribute this model does not type (Jitsi's {@code videoType}, {@code cryptex}, ...), kept as sent. */
public record XmlAttribute(String name, String value) {
    public XmlAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
