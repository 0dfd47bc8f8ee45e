package org.jinglegateway.call;

import java.util.Objects;
import java.util.Optional;

/**
 * A frame the decoder refused: the {@code error} frame that answers it, and when that answer is due. A frame can be
 * wrong in more than one way (a malformed frame for an unknown call); {@link Precedence} keeps the error the
 * gateway has always given such a frame.
 *
 * @param type   the frame's type, when it has a known one
 * @param callId the call the error frame names, when the frame named one validly
 */
public record FrameRefusal(Optional<FrameType> type, Optional<String> callId, ErrorCode code, String message,
                           Precedence precedence) implements Decoded {

    /** Which checks of the connection's and the call's state go before this refusal. */
    public enum Precedence {
        /** Answered whatever the connection's state: not JSON, no type, an unknown type. */
        FIRST,
        /** Answered once the registration fits the frame: a fresh connection's register, a registered one's call. */
        AFTER_REGISTRATION,
        /** A {@code call} frame's: answered when its callId is free ({@code duplicate-call} goes first). */
        AFTER_DUPLICATE_CHECK,
        /** A call frame's: answered on the call's lane when its callId names a call ({@code unknown-call} first). */
        AFTER_CALL_LOOKUP
    }

    public FrameRefusal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(precedence, "precedence");
    }
}
