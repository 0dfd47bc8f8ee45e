package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15), read losslessly: parameters are split at
 * {@code ;} (spaces after it are separators, not content) and each at its first {@code =}. A token without
 * {@code =} (telephone-event {@code 0-15}, RED {@code 111/111}) is a value-only parameter. Names and values are
 * never renamed, re-cased or reformatted. Writing joins with {@code ;}.
 */
public record Fmtp(String format, List<Param> params) {
    public Fmtp {
        Checks.field(format, "fmtp format");
        params = List.copyOf(params);
    }

    /** One parameter: {@code name=value}, or a bare value. */
    public record Param(Optional<String> name, String value) {
        public Param {
            name.ifPresent(n -> Checks.field(n, "fmtp parameter name"));
            Checks.lineSafe(value, "fmtp parameter value");
            if (name.isEmpty() && value.isEmpty()) {
                throw new IllegalArgumentException("an fmtp parameter without a name needs a value");
            }
            if (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                    || Character.isWhitespace(value.charAt(value.length() - 1)))) {
                // parse trims them as separators, so such a value (from a Jingle <parameter>) could not read back
                throw new IllegalArgumentException("fmtp parameter value must not start or end with whitespace,"
                        + " found " + Checks.quote(value));
            }
            if (value.indexOf(';') >= 0) {
                throw new IllegalArgumentException("fmtp parameter value must not contain ';', found "
                        + Checks.quote(value));
            }
        }

        @Override
        public String toString() {
            return name.map(n -> n + "=" + value).orElse(value);
        }
    }

    public static Fmtp parse(String value) {
        int space = value.indexOf(' ');
        String format = space < 0 ? value : value.substring(0, space);
        List<Param> params = new ArrayList<>();
        if (space >= 0) {
            // cut straight from the value: each parameter trimmed of spaces, then split at its first '='
            int length = value.length();
            int start = space + 1;
            while (start <= length) {
                int semi = value.indexOf(';', start);
                int end = semi < 0 ? length : semi;
                int from = start;
                int to = end;
                while (from < to && Character.isWhitespace(value.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
                    to--;
                }
                if (from < to) {
                    int eq = value.indexOf('=', from);
                    params.add(eq <= from || eq >= to ? new Param(Optional.empty(), value.substring(from, to))
                            : new Param(Optional.of(value.substring(from, eq)), value.substring(eq + 1, to)));
                }
                if (semi < 0) {
                    break;
                }
                start = semi + 1;
            }
        }
        return new Fmtp(format, params);
    }

    public String toValue() {
        StringBuilder b = new StringBuilder(64).append(format);
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            b.append(i == 0 ? ' ' : ';');
            if (p.name().isPresent()) {
                b.append(p.name().get()).append('=');
            }
            b.append(p.value());
        }
        return b.toString();
    }
}
