package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property ({@code a=rtcp-mux}) or a name and value
 * ({@code a=rtpmap:111 opus/48000/2}). Typed views read the value (e.g. {@link RtpMap#parse}).
 *
 * @param name  the attribute name, an RFC 8866 token
 * @param value the text after the first colon, when there is one
 */
public record Attribute(String name, Optional<String> value) {
    public Attribute {
        if (name == null || !AttributeViews.isKnownName(name)) {
            // the parser's known names are tokens by construction; any other name is checked
            Checks.token(name, "attribute name");
        }
        // the field's name is only built for the error: this runs for every line of every SDP
        if (value.isPresent() && !Checks.isLineSafe(value.get())) {
            Checks.lineSafe(value.get(), "a=" + name + " value");
        }
        if (value.isPresent() && !value.get().isEmpty()
                && Character.isWhitespace(value.get().charAt(value.get().length() - 1))) {
            // the parser ends a line at its last non-space (Leniency.TRAILING_WHITESPACE), so it would not read back
            throw new IllegalArgumentException("a=" + name + " value must not end with whitespace, found "
                    + Checks.quote(value.get()));
        }
    }

    public static Attribute flag(String name) {
        return new Attribute(name, Optional.empty());
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value));
    }

    /** The value, or the empty string for a property attribute. */
    public String valueOrEmpty() {
        return value.orElse("");
    }

    /** The line without {@code a=}. */
    @Override
    public String toString() {
        return value.map(v -> name + ":" + v).orElse(name);
    }
}
