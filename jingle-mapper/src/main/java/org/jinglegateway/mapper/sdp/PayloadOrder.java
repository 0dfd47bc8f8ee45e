package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** For each payload type 0-127, the index of the first format naming it, or {@link Integer#MAX_VALUE}. */
    static int[] positions(List<String> formats) {
        int[] positions = new int[128];
        Arrays.fill(positions, Integer.MAX_VALUE);
        for (int i = formats.size() - 1; i >= 0; i--) {
            int pt = payloadType(formats.get(i));
            if (pt >= 0) {
                positions[pt] = i;
            }
        }
        return positions;
    }

    static List<RtpMap> rtpmaps(int[] positions, List<RtpMap> list) {
        return sort(list, r -> positions[r.payloadType()]);
    }

    static List<RtcpFb> rtcpFbs(int[] positions, List<RtcpFb> list) {
        return sort(list, f -> f.payloadType().isPresent() ? positions[f.payloadType().getAsInt()]
                : Integer.MAX_VALUE);
    }

    /** fmtp keys on the format string, so {@code 0111} on the m= line does not claim {@code a=fmtp:111}. */
    static List<Fmtp> fmtps(List<String> formats, int[] positions, List<Fmtp> list) {
        return sort(list, f -> {
            int pt = payloadType(f.format());
            int i = pt >= 0 && positions[pt] != Integer.MAX_VALUE && formats.get(positions[pt]).equals(f.format())
                    ? positions[pt] : formats.indexOf(f.format());
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
