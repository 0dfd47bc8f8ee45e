package org.jinglegateway.mapper.translate;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An RTCIceCandidateInit as browsers trickle it: {@code candidate} ("" for end of candidates), {@code sdpMid},
 * {@code sdpMLineIndex}, {@code usernameFragment}.
 */
public record CandidateInit(String candidate, Optional<String> sdpMid, OptionalInt sdpMLineIndex,
                            Optional<String> usernameFragment) {
    public CandidateInit {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(sdpMid, "sdpMid");
        Objects.requireNonNull(sdpMLineIndex, "sdpMLineIndex");
        Objects.requireNonNull(usernameFragment, "usernameFragment");
    }

    /** True for the end-of-candidates marker ({@code candidate: ""}). */
    public boolean endOfCandidates() {
        return candidate.isEmpty();
    }
}
