package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6), e.g.
 * {@code a=rtpmap:111 opus/48000/2}. The encoding name keeps its case.
 */
public record RtpMap(int payloadType, String encodingName, long clockRate, OptionalInt channels) {
    public RtpMap {
        Checks.range(payloadType, 0, 127, "rtpmap payload type");
        Checks.token(encodingName, "rtpmap encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("rtpmap encoding name must not contain \"/\", found "
                    + Checks.quote(encodingName));
        }
        Checks.range(clockRate, 0L, 0xFFFF_FFFFL, "rtpmap clock rate");
        Objects.requireNonNull(channels, "rtpmap channels");
        channels.ifPresent(c -> Checks.range(c, 0, 255, "rtpmap channels"));
    }
}
