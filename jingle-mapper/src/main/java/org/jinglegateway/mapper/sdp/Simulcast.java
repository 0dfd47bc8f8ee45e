package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=simulcast:[send <alt-list>] [recv <alt-list>]} (RFC 8853 §5.1), e.g. {@code a=simulcast:send h;m;~l}.
 * The stream lists are kept as written ({@code ;} separates streams, {@code ,} alternatives, {@code ~} paused).
 * At least one direction is present. The writer puts {@code send} before {@code recv}.
 */
public record Simulcast(Optional<String> send, Optional<String> recv) {
    public Simulcast {
        Objects.requireNonNull(send, "simulcast send");
        Objects.requireNonNull(recv, "simulcast recv");
        send.ifPresent(s -> Checks.field(s, "simulcast send streams"));
        recv.ifPresent(s -> Checks.field(s, "simulcast recv streams"));
        if (send.isEmpty() && recv.isEmpty()) {
            throw new IllegalArgumentException("simulcast must have send or recv streams");
        }
    }
}
