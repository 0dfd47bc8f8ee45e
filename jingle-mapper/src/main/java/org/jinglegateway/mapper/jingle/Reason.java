package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <reason>} (XEP-0166 §7.4): one condition element ({@code success}, {@code decline}, ...), an optional
 * {@code <text>}, and anything else (e.g. {@code <alternative-session><sid/>}, application errors) kept raw.
 */
public record Reason(String condition, Optional<String> text, List<RawXml> extra) {
    public Reason {
        Objects.requireNonNull(condition, "condition");
        extra = List.copyOf(extra);
    }
}
