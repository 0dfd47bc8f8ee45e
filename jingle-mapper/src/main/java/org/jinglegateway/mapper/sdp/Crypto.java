package org.jinglegateway.mapper.sdp;

import java.util.Arrays;
import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * SDES {@code a=crypto:<tag> <crypto-suite> <key-params> *(SP <session-param>)} (RFC 4568 §9.1); XEP-0167 §7
 * {@code <crypto/>}. Not checked by {@link SdpParser}.
 */
public record Crypto(int tag, String suite, String keyParams, List<String> sessionParams) {
    public Crypto {
        Checks.range(tag, 0, 999_999_999, "crypto tag");
        Checks.token(suite, "crypto suite");
        Checks.field(keyParams, "crypto key params");
        sessionParams = List.copyOf(sessionParams);
        sessionParams.forEach(p -> Checks.field(p, "crypto session param"));
    }

    public static Crypto parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length < 3) {
            throw new IllegalArgumentException("crypto needs <tag> <crypto-suite> <key-params>, found "
                    + Checks.quote(value));
        }
        return new Crypto(Numbers.parseInt(f[0], 0, 999_999_999, "crypto tag"), f[1], f[2],
                Arrays.asList(f).subList(3, f.length));
    }

    public String toValue() {
        StringBuilder b = new StringBuilder().append(tag).append(' ').append(suite).append(' ').append(keyParams);
        sessionParams.forEach(p -> b.append(' ').append(p));
        return b.toString();
    }
}
