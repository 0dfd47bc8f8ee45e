package org.jinglegateway.call;

import java.util.function.Supplier;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.TypedSdp;

/** Reading what a browser sent: a mapper failure becomes the browser's {@code bad-sdp} error frame. */
final class FromBrowser {
    private FromBrowser() {
    }

    /** The browser's SDP with the typed views its parse made, so that the translation reads each value once. */
    static TypedSdp sdp(CallContext context, String text) {
        return translate(context, () -> SdpParser.parseTyped(text).value());
    }

    /** A parse or translation of what the browser sent; the mapper's message says what and where (STYLE §6). */
    static <T> T translate(CallContext context, Supplier<T> work) {
        try {
            return work.get();
        } catch (MapperException e) {
            context.listener().mappingError(e.kind().name());
            throw new CallException(ErrorCode.BAD_SDP, e.getMessage());
        }
    }
}
