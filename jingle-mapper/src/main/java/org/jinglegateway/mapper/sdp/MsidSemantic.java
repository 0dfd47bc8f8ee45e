package org.jinglegateway.mapper.sdp;

import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=msid-semantic: WMS *} (draft-ietf-mmusic-msid-01 §3; removed by RFC 8830 but still written by every
 * browser). The writer uses Chrome's form with a space after the colon.
 */
public record MsidSemantic(String semantic, List<String> identifiers) {
    public MsidSemantic {
        Checks.token(semantic, "msid-semantic");
        identifiers = List.copyOf(identifiers);
        identifiers.forEach(i -> Checks.field(i, "msid-semantic identifier"));
    }
}
