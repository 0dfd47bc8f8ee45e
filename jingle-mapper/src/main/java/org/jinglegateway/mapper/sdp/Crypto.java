package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * SDES {@code a=crypto:<tag> <crypto-suite> <key-params> *(SP <session-param>)} (RFC 4568 §9.1), e.g.
 * {@code a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32}.
 */
public record Crypto(int tag, String suite, String keyParams, List<String> sessionParams) {
    public Crypto {
        Checks.range(tag, 0, 999_999_999, "crypto tag");
        Checks.token(suite, "crypto suite");
        Checks.field(keyParams, "crypto key params");
        sessionParams = List.copyOf(sessionParams);
        sessionParams.forEach(p -> Checks.field(p, "crypto session param"));
    }
}
