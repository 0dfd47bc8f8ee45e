package org.jinglegateway.mapper.sdp;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15), kept LOSSLESS as an ordered list of
 * {@link FmtpParameter}s, e.g. {@code a=fmtp:111 minptime=10;useinbandfec=1}, {@code a=fmtp:126 0-15} or
 * {@code a=fmtp:63 111/111}.
 *
 * <p>Separators: the parser splits on {@code ;} and drops spaces directly after a {@code ;} (so {@code a=1; b=2}
 * and {@code a=1;b=2} read the same); the writer always joins with a bare {@code ;}, as Chrome and Firefox write.
 * Spaces inside a part are kept. Nothing else is normalised.
 *
 * @param format     the payload type (or, for non-RTP media, the format token)
 * @param parameters the parts in order; never empty
 */
public record Fmtp(String format, List<FmtpParameter> parameters) {
    public Fmtp {
        Checks.token(format, "fmtp format");
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("fmtp must have at least one parameter");
        }
        if (parameters.get(0).name().isEmpty() && parameters.get(0).value().isEmpty()) {
            throw new IllegalArgumentException("fmtp must not start with an empty parameter");
        }
    }

    /** The value of the first parameter with this exact name. */
    public Optional<String> get(String name) {
        for (FmtpParameter p : parameters) {
            if (p.name().isPresent() && p.name().get().equals(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }
}
