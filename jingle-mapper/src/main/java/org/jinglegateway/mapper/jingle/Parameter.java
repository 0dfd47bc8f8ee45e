package org.jinglegateway.mapper.jingle;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <parameter name value/>} of a payload type (XEP-0167 §5), a source (XEP-0339) or a header extension
 * (XEP-0294). Kept exactly as sent: lib-jitsi-meet writes {@code name=""} for value-only fmtp tokens and StanzaJS
 * writes the token as the name with no value; the translation decides what they mean.
 */
public record Parameter(String name, Optional<String> value) {
    public Parameter {
        Objects.requireNonNull(name, "parameter name");
        Objects.requireNonNull(value, "parameter value");
    }

    public static Parameter of(String name, String value) {
        return new Parameter(name, Optional.of(value));
    }
}
