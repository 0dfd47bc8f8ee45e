package org.jinglegateway.mapper.sdp;

import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6);
 * XEP-0167 {@code <payload-type id name clockrate channels/>}.
 */
public record RtpMap(int payloadType, String encoding, long clockRate, OptionalInt channels) {
    public RtpMap {
        Checks.range(payloadType, 0, 127, "rtpmap payload type");
        Checks.token(encoding, "rtpmap encoding name");
        Checks.range(clockRate, 0, 0xFFFF_FFFFL, "rtpmap clock rate");
        channels.ifPresent(c -> Checks.range(c, 0, 255, "rtpmap channels"));
    }

    public static RtpMap parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("rtpmap needs <payload type> <encoding>/<clock rate>, found "
                    + Checks.quote(value));
        }
        int pt = Numbers.parseInt(value.substring(0, space), 0, 127, "rtpmap payload type");
        String rest = value.substring(space + 1);
        int s1 = rest.indexOf('/');
        if (s1 < 0) {
            throw new IllegalArgumentException("rtpmap needs <encoding>/<clock rate>, found " + Checks.quote(rest));
        }
        int s2 = rest.indexOf('/', s1 + 1);
        String rate = s2 < 0 ? rest.substring(s1 + 1) : rest.substring(s1 + 1, s2);
        OptionalInt channels = s2 < 0 ? OptionalInt.empty()
                : OptionalInt.of(Numbers.parseInt(rest.substring(s2 + 1), 0, 255, "rtpmap channels"));
        return new RtpMap(pt, rest.substring(0, s1), Numbers.parseLong(rate, 0, 0xFFFF_FFFFL, "rtpmap clock rate"),
                channels);
    }

    public String toValue() {
        return channels.isPresent() ? payloadType + " " + encoding + "/" + clockRate + "/" + channels.getAsInt()
                : payloadType + " " + encoding + "/" + clockRate;
    }
}
