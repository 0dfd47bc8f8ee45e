package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rtcp-fb:<rtcp-fb-pt> <rtcp-fb-val>} (RFC 4585 §4.2), e.g. {@code a=rtcp-fb:96 nack pli},
 * {@code a=rtcp-fb:* trr-int 100} or {@code a=rtcp-fb:96 goog-remb}.
 *
 * @param payloadType the payload type, or empty for {@code *} (all payload types)
 * @param type        {@code ack}, {@code nack}, {@code trr-int}, {@code ccm}, {@code transport-cc}, ...
 * @param parameters  the rest of the line after the type, as written ({@code pli}, {@code 100}, {@code fir})
 */
public record RtcpFb(OptionalInt payloadType, String type, Optional<String> parameters) {
    public RtcpFb {
        Objects.requireNonNull(payloadType, "rtcp-fb payload type");
        payloadType.ifPresent(p -> Checks.range(p, 0, 127, "rtcp-fb payload type"));
        Checks.token(type, "rtcp-fb type");
        Objects.requireNonNull(parameters, "rtcp-fb parameters");
        parameters.ifPresent(p -> ExtMap.nonEmptyLine(p, "rtcp-fb parameters"));
    }

    public static RtcpFb of(int payloadType, String type) {
        return new RtcpFb(OptionalInt.of(payloadType), type, Optional.empty());
    }

    public static RtcpFb of(int payloadType, String type, String parameters) {
        return new RtcpFb(OptionalInt.of(payloadType), type, Optional.of(parameters));
    }

    /** True for {@code a=rtcp-fb:*}. */
    public boolean isWildcard() {
        return payloadType.isEmpty();
    }
}
