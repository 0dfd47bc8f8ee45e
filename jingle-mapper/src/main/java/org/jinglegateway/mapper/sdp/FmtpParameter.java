package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * One {@code ;}-separated part of an {@code a=fmtp} line (RFC 8866 §6.15): {@code name=value}, or a value only
 * such as telephone-event's {@code 0-15} (RFC 4733 §7.1.1) or RED's {@code 111/111} (RFC 2198 §5). Name and value
 * are kept exactly as written: never renamed, re-cased or reformatted. The value is everything after the first
 * {@code =}, so base64 padding such as {@code sprop-parameter-sets=Z0I=,aM4=} survives.
 *
 * @param name  the name before the first {@code =}, empty for a value-only part
 * @param value the rest; may be empty ({@code key=}, or an empty part left by a trailing {@code ;})
 */
public record FmtpParameter(Optional<String> name, String value) {
    public FmtpParameter {
        Objects.requireNonNull(name, "fmtp parameter name");
        name.ifPresent(n -> {
            check(n, "fmtp parameter name");
            if (n.isEmpty() || n.indexOf('=') >= 0) {
                throw new IllegalArgumentException("fmtp parameter name must be non-empty and have no \"=\", found "
                        + Checks.quote(n));
            }
        });
        check(value, "fmtp parameter value");
    }

    public static FmtpParameter of(String name, String value) {
        return new FmtpParameter(Optional.of(name), value);
    }

    public static FmtpParameter valueOnly(String value) {
        return new FmtpParameter(Optional.empty(), value);
    }

    private static void check(String s, String field) {
        Checks.lineSafe(s, field);
        if (s.indexOf(';') >= 0 || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '))) {
            throw new IllegalArgumentException(field + " must have no \";\" and no leading or trailing space, found "
                    + Checks.quote(s));
        }
    }
}
