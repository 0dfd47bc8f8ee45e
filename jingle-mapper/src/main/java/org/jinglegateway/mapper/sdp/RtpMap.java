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
        // fields cut by index, numbers read in place: only the encoding name becomes a string
        int pt = (int) Numbers.parseLong(value, 0, space, 0, 127, "rtpmap payload type");
        int s1 = value.indexOf('/', space + 1);
        if (s1 < 0) {
            throw new IllegalArgumentException("rtpmap needs <encoding>/<clock rate>, found "
                    + Checks.quote(value.substring(space + 1)));
        }
        int s2 = value.indexOf('/', s1 + 1);
        OptionalInt channels = s2 < 0 ? OptionalInt.empty()
                : OptionalInt.of((int) Numbers.parseLong(value, s2 + 1, value.length(), 0, 255, "rtpmap channels"));
        long rate = Numbers.parseLong(value, s1 + 1, s2 < 0 ? value.length() : s2, 0, 0xFFFF_FFFFL,
                "rtpmap clock rate");
        return new RtpMap(pt, value.substring(space + 1, s1), rate, channels);
    }

    public String toValue() {
        return channels.isPresent() ? payloadType + " " + encoding + "/" + clockRate + "/" + channels.getAsInt()
                : payloadType + " " + encoding + "/" + clockRate;
    }
}
