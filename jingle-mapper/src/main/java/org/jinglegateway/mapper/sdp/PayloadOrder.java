package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The canonical order of a media section's rtpmap, rtcp-fb and fmtp lists: grouped by the position of their format
 * on the m= line (stable, so lines for one format keep their order), then those whose format is not on the m= line
 * and {@code rtcp-fb:*}, in their original order. {@link MediaDescription} stores its lists in this order, which is
 * the order {@link SdpWriter} writes, so that {@code parse(write(m))} equals {@code m} even for SDPs (such as
 * Firefox's) that order these lines differently.
 */
final class PayloadOrder {
    private PayloadOrder() {
    }

    static List<RtpMap> rtpmaps(List<String> formats, List<RtpMap> list) {
        return sort(list, r -> ptIndex(formats, r.payloadType()));
    }

    static List<RtcpFb> rtcpFbs(List<String> formats, List<RtcpFb> list) {
        return sort(list, f -> f.payloadType().isPresent() ? ptIndex(formats, f.payloadType().getAsInt())
                : Integer.MAX_VALUE);
    }

    static List<Fmtp> fmtps(List<String> formats, List<Fmtp> list) {
        return sort(list, f -> {
            int i = formats.indexOf(f.format());
            return i < 0 ? Integer.MAX_VALUE : i;
        });
    }

    /** The payload type a format names, or -1 when it is not 1-3 digits of 0-127. */
    static int payloadType(String format) {
        if (format.isEmpty() || format.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v <= 127 ? v : -1;
    }

    private static int ptIndex(List<String> formats, int pt) {
        for (int i = 0; i < formats.size(); i++) {
            if (payloadType(formats.get(i)) == pt) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static <T> List<T> sort(List<T> list, ToIntFunction<T> key) {
        int n = list.size();
        if (n < 2) {
            return List.copyOf(list);
        }
        int previous = Integer.MIN_VALUE;
        boolean sorted = true;
        for (int i = 0; i < n && sorted; i++) {
            int k = key.applyAsInt(list.get(i));
            sorted = k >= previous;
            previous = k;
        }
        if (sorted) {
            return List.copyOf(list);
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort((a, b) -> Integer.compare(key.applyAsInt(a), key.applyAsInt(b)));
        return List.copyOf(copy);
    }
}
