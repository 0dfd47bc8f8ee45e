package org.jinglegateway.call;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code code} of an {@code error} frame (docs/protocol.md), each token written once here. docs/protocol.md lists
 * the same codes and the browser SDK (sdk/words.js) has words for each; ErrorCodeTest holds the three together.
 */
public enum ErrorCode {
    /** A second {@code register} on a connection that already has a JID. */
    ALREADY_REGISTERED("already-registered"),
    /** The token of a {@code register} was missing or refused (the socket then closes). */
    AUTH_FAILED("auth-failed"),
    /** A {@code candidate} frame the gateway cannot read or carry. */
    BAD_CANDIDATE("bad-candidate"),
    /** A frame that is JSON but not a frame: no object, no {@code type}, a missing or wrong field. */
    BAD_FRAME("bad-frame"),
    /** The {@code to} of a {@code call} is no JID, or not one a browser may call. */
    BAD_JID("bad-jid"),
    /** A frame that is not JSON at all. */
    BAD_JSON("bad-json"),
    /** A {@code hangup} whose reason is not an XEP-0166 reason. */
    BAD_REASON("bad-reason"),
    /** SDP the gateway cannot read or translate. */
    BAD_SDP("bad-sdp"),
    /** A request that does not fit where the call is (an {@code answer} with no offer, ...). */
    BAD_STATE("bad-state"),
    /** The {@code user} of a {@code register} cannot be the local part of a JID. */
    BAD_USER("bad-user"),
    /** A {@code call} whose callId is already in use on this connection. */
    DUPLICATE_CALL("duplicate-call"),
    /** An {@code offer} while an ICE restart is under way. */
    GLARE("glare"),
    /** A call frame before {@code register}. */
    NOT_REGISTERED("not-registered"),
    /** A renegotiation the gateway cannot carry (only ICE restarts are). */
    NOT_SUPPORTED("not-supported"),
    /** A {@code register} with {@code resume}: the token is unknown, used, for another user, or its window closed. */
    RESUME_FAILED("resume-failed"),
    /** Over a rate budget of this device or socket (calls a minute, frames a second); try again later. */
    RATE_LIMITED("rate-limited"),
    /** The gateway is stopping (SIGTERM) and takes no new calls. */
    SHUTTING_DOWN("shutting-down"),
    /** The stanza a request needs would pass {@code xmpp.max-outgoing-bytes}: the server would refuse it. */
    TOO_LARGE("too-large"),
    /** This device already has as many calls as {@code limits.concurrent-calls} allows. */
    TOO_MANY_CALLS("too-many-calls"),
    /** A call frame whose callId names no call on this connection. */
    UNKNOWN_CALL("unknown-call"),
    /** A frame {@code type} the protocol does not have. */
    UNKNOWN_TYPE("unknown-type");

    private static final Map<String, ErrorCode> BY_TOKEN = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::token, Function.identity()));

    private final String token;

    ErrorCode(String token) {
        this.token = token;
    }

    /** The code as it goes on the wire. */
    public String token() {
        return token;
    }

    /** The code with this wire token, if there is one. */
    public static Optional<ErrorCode> of(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    @Override
    public String toString() {
        return token;
    }
}
