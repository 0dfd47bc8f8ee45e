package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import org.jinglegateway.mapper.internal.Checks;

/**
 * The {@code <media>} field of an {@code m=} line (RFC 8866 §5.14). The grammar is open ({@code token}), so an
 * unknown media type is kept as {@link Other}.
 */
public sealed interface MediaType permits MediaType.Known, MediaType.Other {

    /** The token as written on the wire. */
    String token();

    /** The media types registered by RFC 8866 §8.2.2. */
    enum Known implements MediaType {
        AUDIO("audio"), VIDEO("video"), TEXT("text"), APPLICATION("application"), MESSAGE("message"),
        IMAGE("image");

        private final String token;

        Known(String token) {
            this.token = token;
        }

        @Override
        public String token() {
            return token;
        }
    }

    /** A media token this library does not know, kept as written. */
    record Other(String token) implements MediaType {
        public Other {
            Checks.token(token, "media type");
        }
    }

    /** Looks a token up exactly; anything else is kept as {@link Other}. */
    static MediaType of(String token) {
        Objects.requireNonNull(token, "media type");
        for (Known k : Known.values()) {
            if (k.token.equals(token)) {
                return k;
            }
        }
        return new Other(token);
    }
}
