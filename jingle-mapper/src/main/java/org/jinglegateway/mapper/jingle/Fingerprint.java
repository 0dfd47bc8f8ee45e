package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash setup>value</fingerprint>} (XEP-0320 §3). */
public record Fingerprint(String hash, Optional<String> setup, String value, Optional<String> required,
                          List<XmlAttribute> attributes) {
    public Fingerprint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(required, "required");
        attributes = List.copyOf(attributes);
    }

    public Fingerprint withSetup(Optional<String> newSetup) {
        return new Fingerprint(hash, newSetup, value, required, attributes);
    }

    public Fingerprint withRequired(Optional<String> newRequired) {
        return new Fingerprint(hash, setup, value, newRequired, attributes);
    }

    public Fingerprint withAttributes(List<XmlAttribute> newAttributes) {
        return new Fingerprint(hash, setup, value, required, newAttributes);
    }
}
