package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Fields;

/**
 * Names the field of an SDP line that a column falls in, for errors about a character rather than a value
 * ({@code a=ssrc cname}, {@code a=candidate address}, {@code a=fmtp apt}, {@code s=}). Only the error path uses
 * it, so it may cut strings freely.
 */
final class SdpFields {
    private SdpFields() {
    }

    /**
     * The field at {@code index} of {@code line}.
     *
     * @param line  the whole line, {@code <type>=<value>}
     * @param index a position in it, 0-based
     */
    static String at(String line, int index) {
        if (line.length() < 2 || line.charAt(1) != '=') {
            return "the line";
        }
        char type = line.charAt(0);
        if (type != 'a') {
            return type + "=";
        }
        int colon = line.indexOf(':');
        if (colon < 0 || index < colon) {
            return "an a= attribute name";
        }
        String name = line.substring(2, colon);
        String value = line.substring(colon + 1);
        int at = index - colon - 1;
        String prefix = "a=" + name;
        return switch (name) {
            case "ssrc" -> prefix + " " + ssrcField(value, at);
            case "candidate" -> prefix + " " + Fields.candidate(value, at);
            case "fmtp" -> prefix + " " + fmtpField(value, at);
            case "rtcp-fb" -> prefix + " " + List.of("payload type", "type", "subtype").get(Math.min(2,
                    Fields.index(value, at)));
            default -> prefix;
        };
    }

    /** {@code <ssrc-id> <attribute>[:<value>]}: the value is named after its attribute. */
    private static String ssrcField(String value, int at) {
        int space = value.indexOf(' ');
        if (space < 0 || at < space) {
            return "ssrc-id";
        }
        int colon = value.indexOf(':', space);
        return colon < 0 || at < colon ? "attribute name" : value.substring(space + 1, colon);
    }

    /** {@code <format> <name>=<value>;...}: a parameter by its name. */
    private static String fmtpField(String value, int at) {
        int space = value.indexOf(' ');
        if (space < 0 || at < space) {
            return "format";
        }
        int start = value.lastIndexOf(';', Math.max(space, at - 1)) + 1;
        start = Math.max(start, space + 1);
        int eq = value.indexOf('=', start);
        int semi = value.indexOf(';', start);
        int end = semi < 0 ? value.length() : semi;
        return eq < 0 || eq >= end || at < eq ? "parameter" : value.substring(start, eq).strip();
    }
}
