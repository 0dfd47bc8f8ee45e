package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=msid:<msid-id> [<msid-appdata>]} (RFC 8830 §2), e.g. {@code a=msid:stream0 track0} or Firefox's
 * {@code a=msid:{uuid} {uuid}}; {@code -} as the id means "no stream" (RFC 9429 §5.2.1). Each part is
 * {@code 1*64token-char}, and there are at most two: what XEP-0339's msid parameter carries back. Checked by
 * {@link SdpParser} for {@code a=msid} and for the {@code msid} of {@code a=ssrc}.
 */
public record Msid(String id, Optional<String> appData) {
    /** RFC 8830 §2: {@code msid-id = 1*64token-char}, and the same for {@code msid-appdata}. */
    public static final int MAX_LENGTH = 64;

    public Msid {
        part(id, "msid id");
        appData.ifPresent(a -> part(a, "msid appdata"));
    }

    private static void part(String value, String field) {
        Checks.token(value, field);
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " must be 1-" + MAX_LENGTH + " token characters (RFC 8830"
                    + " §2), found " + value.length() + ": " + Checks.quote(value));
        }
    }

    public static Msid parse(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? new Msid(value, Optional.empty())
                : new Msid(value.substring(0, space), Optional.of(value.substring(space + 1)));
    }

    /**
     * Whether {@link #parse} accepts the value, checked in place (a=ssrc's msid is only checked, not kept as an
     * {@code Msid}); an error is thrown by {@link #parse} itself, so it reads the same.
     */
    static void check(String value) {
        int space = value.indexOf(' ');
        if (!(space < 0 ? isPart(value, 0, value.length())
                : isPart(value, 0, space) && isPart(value, space + 1, value.length()))) {
            parse(value);
        }
    }

    private static boolean isPart(String value, int from, int to) {
        if (to <= from || to - from > MAX_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Checks.isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public String toValue() {
        return id + appData.map(a -> " " + a).orElse("");
    }
}
