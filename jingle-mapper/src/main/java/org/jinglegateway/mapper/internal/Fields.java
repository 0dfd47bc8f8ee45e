package org.jinglegateway.mapper.internal;

import java.util.List;

/**
 * Names the space-separated field a column of a value falls in, for errors about a character rather than a value.
 * Shared by the candidate parser (an RTCIceCandidateInit string) and the SDP parser ({@code a=candidate},
 * {@code a=rtcp-fb}). Only error paths use it, so it may cut strings freely.
 */
public final class Fields {
    /** The fields of a candidate (RFC 8839 §5.1) before the extension pairs. */
    private static final List<String> CANDIDATE = List.of("foundation", "component", "transport", "priority",
            "address", "port", "typ", "type");

    private Fields() {
    }

    /** Which space-separated field of {@code value} index {@code at} falls in, 0-based. */
    public static int index(String value, int at) {
        int k = 0;
        for (int i = 0; i < at && i < value.length(); i++) {
            if (value.charAt(i) == ' ') {
                k++;
            }
        }
        return k;
    }

    /**
     * The field of a candidate value ({@code <foundation> <component> ... typ <type> [<name> <value>]...}, the text
     * after {@code candidate:}) that index {@code at} falls in; an extension value is named by its extension.
     */
    public static String candidate(String value, int at) {
        int k = index(value, at);
        if (k < CANDIDATE.size()) {
            return CANDIDATE.get(k);
        }
        return (k - CANDIDATE.size()) % 2 == 0 ? "extension name" : value.split(" ", -1)[k - 1];
    }
}
