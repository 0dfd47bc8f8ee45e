package org.jinglegateway.mapper.jingle;

import java.util.Objects;

/** {@code <bandwidth type='AS'>128</bandwidth>} (XEP-0167 §5). */
public record Bandwidth(String type, String value) {
    public Bandwidth {
        Objects.requireNonNull(type, "bandwidth type");
        Objects.requireNonNull(value, "bandwidth value");
    }
}
