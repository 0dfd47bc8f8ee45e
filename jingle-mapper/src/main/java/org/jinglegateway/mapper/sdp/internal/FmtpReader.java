package org.jinglegateway.mapper.sdp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.FmtpParameter;
import org.jinglegateway.mapper.sdp.Leniency;

/**
 * Reads {@code a=fmtp:<format> <params>} losslessly (RFC 8866 §6.15): the parameters are split on {@code ;} only,
 * a part's name is the text before its first {@code =}, and a part without {@code =} is a value-only token
 * ({@code 0-15}, {@code 111/111}). Spaces right after a {@code ;} are separators and are dropped, which is
 * reported as {@link Leniency#FMTP_SPACE_AFTER_SEMICOLON}.
 */
final class FmtpReader {
    private FmtpReader() {
    }

    static Fmtp read(Cursor c, LeniencyLog log) {
        String format = c.field("fmtp format");
        String text = c.restRequired("fmtp parameters");
        int base = c.lastFieldStart();
        List<FmtpParameter> params = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int partStart = start;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            if (start > partStart) {
                log.applied(Leniency.FMTP_SPACE_AFTER_SEMICOLON, c.lineNumber());
            }
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            int eq = text.indexOf('=', start);
            Optional<String> name = eq > start && eq < end ? Optional.of(text.substring(start, eq))
                    : Optional.empty();
            String value = text.substring(name.isPresent() ? eq + 1 : start, end);
            params.add(c.build(base + start, () -> new FmtpParameter(name, value)));
            if (end == text.length()) {
                break;
            }
            start = end + 1;
        }
        return c.build(() -> new Fmtp(format, params));
    }
}
