package org.jinglegateway.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for test servers. */
public final class Ports {
    private Ports() {
    }

    /** Ports handed out by this JVM, never handed out twice. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int LOW = 20_000;
    /** Linux's ephemeral ports start at 32768 by default. */
    private static final int EPHEMERAL = 32_768;

    /**
     * A port free now, below the ephemeral range: a port the kernel picks for a listener may meanwhile become the
     * local port of some outbound connection (a Hazelcast member's to another, say), so a server started on it a
     * moment later, or started again on it after a restart, could fail to bind.
     */
    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOW, EPHEMERAL);
            if (GIVEN.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between " + LOW + " and " + EPHEMERAL));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean accepting(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
