package org.jinglegateway.mapper.jingle;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lists a wire enum's tokens for error messages. */
final class Tokens {
    private Tokens() {
    }

    static <E> String list(E[] values, Function<E, String> token) {
        return Arrays.stream(values).map(token).collect(Collectors.joining(", "));
    }
}
