package org.jinglegateway.call;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code type} of a browser-to-gateway frame (docs/protocol.md), each token written once here. */
public enum FrameType {
    REGISTER("register"), CALL("call"), ACCEPT("accept"), REJECT("reject"), ANSWER("answer"), OFFER("offer"),
    CANDIDATE("candidate"), HANGUP("hangup"), PING("ping");

    private static final Map<String, FrameType> BY_TOKEN = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FrameType::token, Function.identity()));

    /** The tokens in alphabetical order, as an unknown-type error lists them. */
    public static final List<String> TOKENS = Arrays.stream(values()).map(FrameType::token).sorted().toList();

    private final String token;

    FrameType(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<FrameType> of(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    @Override
    public String toString() {
        return token;
    }
}
