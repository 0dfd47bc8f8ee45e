package org.jinglegateway.config;

import java.util.List;
import java.util.Locale;

/**
 * Every setting of the gateway. Documented key by key in conf/gateway.yaml; the YAML keys are the kebab-case
 * forms of the record components ({@code max-stanza-bytes}).
 */
public record GatewayConfig(Xmpp xmpp, Http http, Auth auth, List<String> admins, Calls calls, Ice ice,
                            Limits limits, int shutdownGraceSeconds, Cluster cluster) {

    public GatewayConfig {
        admins = List.copyOf(admins);
    }

    /**
     * ICE servers for browsers and XEP-0215: STUN and TURN URLs, and the shared secret from which time-limited TURN
     * credentials are made (coturn's use-auth-secret, Prosody's mod_turn_external).
     */
    public record Ice(List<String> stun, List<String> turn, String turnSecret, int turnTtlSeconds) {
        public Ice {
            // an empty YAML value is null: kept as nothing (or an empty entry, which validation names with its key)
            stun = stun == null ? List.of() : stun.stream().map(u -> u == null ? "" : u).toList();
            turn = turn == null ? List.of() : turn.stream().map(u -> u == null ? "" : u).toList();
            turnSecret = turnSecret == null ? "" : turnSecret;
        }
    }

    /**
     * The XEP-0114 connection to the XMPP server. {@code maxOutgoingBytes}: no stanza larger than this is written
     * (Prosody closes a component stream over its 512 KiB limit). While the link is down, up to {@code heldStanzas}
     * stanzas of {@code heldBytes} in all wait for it, and calls go on for {@code resumeSeconds} (docs/calls.md).
     */
    public record Xmpp(String host, int port, String domain, String secret, int maxStanzaBytes, int maxOutgoingBytes,
                       int keepaliveSeconds, int reconnectMinMillis, int reconnectMaxMillis, int resumeSeconds,
                       int heldStanzas, int heldBytes) {
    }

    /**
     * The HTTP listener that serves the WebSocket endpoint and the pages. {@code allowedOrigins}: pages that may open
     * the WebSocket (empty: the gateway's own origin; {@code *}: any); {@code pingSeconds}: WebSocket ping interval,
     * a socket silent for twice that is dropped; {@code maxOutgoingQueueBytes}: a socket whose unsent frames pass
     * this is closed with 1008.
     */
    public record Http(String host, int port, List<String> allowedOrigins, int pingSeconds,
                       int maxOutgoingQueueBytes) {
        public Http {
            // an empty YAML value is null: kept as nothing (or an empty entry, which validation names with its key)
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(o -> o == null ? "" : o).toList();
        }

        /** The listener with the default limits. */
        public Http(String host, int port) {
            this(host, port, List.of(), 15, 1024 * 1024);
        }

        /** The WebSocket URL the READY line announces (README.md). */
        public String webSocketUrl() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "ws://" + h + ":" + port + "/ws";
        }
    }

    /**
     * How browsers prove who they are when they register. With mode token: the HS256 secret, and optionally the
     * {@code iss} and {@code aud} a token must carry (empty: not checked) and the longest it may live (0: no limit).
     */
    public record Auth(Mode mode, String tokenSecret, String tokenIssuer, String tokenAudience,
                       int tokenMaxLifetimeSeconds) {
        public Auth {
            tokenIssuer = tokenIssuer == null ? "" : tokenIssuer;
            tokenAudience = tokenAudience == null ? "" : tokenAudience;
        }
    }

    /**
     * Call policy. {@code resumeSeconds}: how long a browser device whose socket dropped stays online with its calls
     * for a resume (0: it goes at once).
     */
    public record Calls(int ringTimeoutSeconds, int resumeSeconds) {
    }

    /**
     * What one browser device, one socket and one XMPP user may cost (docs/operations.md, "Limits"): calls placed a
     * minute per user and at once per device, frames a second per socket (a burst of four seconds' worth passes), calls
     * offered a minute per XMPP user, WebSockets open per remote address, and frames (count and UTF-8 bytes) held for a
     * device while it is away for a resume.
     */
    public record Limits(int callsPerMinute, int concurrentCalls, int framesPerSecond, int initiatesPerMinute,
                         int socketsPerAddress, int heldFrames, int heldFrameBytes) {
    }

    /**
     * Several instances as one gateway (docs/operations.md, "Several instances"): {@code port} is this instance's
     * Hazelcast member port (0: no cluster, one process), {@code host} the address it binds and announces, and
     * {@code members} the {@code host:port} of every instance (TCP-IP join; no multicast). A member silent for
     * {@code heartbeatSeconds} is taken as dead.
     */
    public record Cluster(int port, String host, List<String> members, int heartbeatSeconds) {
        public Cluster {
            members = members == null ? List.of() : members.stream().map(m -> m == null ? "" : m).toList();
        }

        public boolean enabled() {
            return port > 0;
        }
    }

    /** Browser authentication mode. */
    public enum Mode {
        /** Anyone may register as any user: for a local quickstart only. */
        NONE,
        /** An HS256 JWT whose {@code sub} is the user. */
        TOKEN;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
