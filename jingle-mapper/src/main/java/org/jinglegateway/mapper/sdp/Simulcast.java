package org.jinglegateway.mapper.sdp;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=simulcast:[send <streams>] [recv <streams>]} (RFC 8853 §5.1), e.g. {@code a=simulcast:send h;m;~l}.
 * The stream lists are kept as written ({@code ;} separates streams, {@code ,} alternatives, {@code ~} paused);
 * {@link #toValue} writes {@code send} before {@code recv}. Not checked by {@link SdpParser}.
 */
public record Simulcast(Optional<String> send, Optional<String> recv) {
    public Simulcast {
        send.ifPresent(s -> Checks.field(s, "simulcast send streams"));
        recv.ifPresent(s -> Checks.field(s, "simulcast recv streams"));
        if (send.isEmpty() && recv.isEmpty()) {
            throw new IllegalArgumentException("simulcast needs send or recv streams");
        }
    }

    public static Simulcast parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 2 && f.length != 4) {
            throw new IllegalArgumentException("simulcast needs send|recv <streams> [send|recv <streams>], found "
                    + Checks.quote(value));
        }
        Optional<String> send = Optional.empty();
        Optional<String> recv = Optional.empty();
        for (int i = 0; i < f.length; i += 2) {
            boolean isSend = f[i].equals("send");
            if (!isSend && !f[i].equals("recv") || (isSend ? send : recv).isPresent()) {
                throw new IllegalArgumentException("simulcast needs send|recv <streams>, each at most once, found "
                        + Checks.quote(value));
            }
            if (isSend) {
                send = Optional.of(f[i + 1]);
            } else {
                recv = Optional.of(f[i + 1]);
            }
        }
        return new Simulcast(send, recv);
    }

    public String toValue() {
        return send.map(s -> "send " + s).orElse("")
                + recv.map(r -> (send.isPresent() ? " recv " : "recv ") + r).orElse("");
    }
}
