package org.jinglegateway.mapper.candidate;

import org.jinglegateway.mapper.internal.Checks;

/**
 * An {@code extension-att-name extension-att-value} pair on an {@code a=candidate} line (RFC 8839 §5.1) that has no
 * typed field here, e.g. {@code ufrag} or {@code network-cost}. Kept in order so that a candidate writes back as
 * it was read.
 */
public record ExtensionPair(String name, String value) {
    public ExtensionPair {
        Checks.field(name, "candidate extension name");
        Checks.field(value, "candidate extension value");
    }
}
