package org.jinglegateway.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open WebSockets per remote address ({@code limits.sockets-per-address}): one machine cannot hold the gateway's
 * memory with thousands of idle sockets. An address is forgotten when its last socket closes.
 */
public final class SocketsPerAddress {
    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public SocketsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("sockets per address must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Counts one more socket from {@code address}; false (and nothing counted) when it already has {@link #max}. */
    public boolean tryOpen(String address) {
        boolean[] taken = {false};
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** One socket from {@code address} closed. */
    public void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Sockets open from {@code address} now. */
    public int open(String address) {
        return open.getOrDefault(address, 0);
    }

    public int max() {
        return max;
    }
}
