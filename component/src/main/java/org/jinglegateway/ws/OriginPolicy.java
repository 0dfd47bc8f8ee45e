package org.jinglegateway.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which web pages may open the signaling WebSocket: the {@code Origin} header of the upgrade (RFC 6455 §10.2,
 * RFC 6454) against {@code http.allowed-origins}. Empty means the gateway's own origin only, http and https on its
 * HTTP host and port (with localhost, 127.0.0.1 and [::1] as one when it listens on loopback or on every address);
 * {@code *} allows every page. A request without {@code Origin} is not from a browser page (curl, a native client,
 * a test harness) and is allowed: the header only protects users' browsers from other sites' pages.
 */
public final class OriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0", "[::]");

    private final List<String> origins;
    private final boolean any;

    private OriginPolicy(Set<String> origins, boolean any) {
        this.origins = List.copyOf(origins);
        this.any = any;
    }

    /**
     * @param configured {@code http.allowed-origins}: origins such as {@code https://app.example.org}, or {@code *}
     * @param host       the HTTP listener's host, for the default
     * @param port       the port it actually listens on
     * @throws IllegalArgumentException an entry is not an origin
     */
    public static OriginPolicy of(List<String> configured, String host, int port) {
        if (configured.contains("*")) {
            return new OriginPolicy(Set.of(), true);
        }
        Set<String> origins = new LinkedHashSet<>();
        if (configured.isEmpty()) {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            List<String> hosts = LOOPBACK.contains(h.toLowerCase(Locale.ROOT)) || h.startsWith("127.")
                    ? List.of("localhost", "127.0.0.1", "[::1]") : List.of(h);
            for (String name : hosts) {
                origins.add(normalize("http://" + name + ":" + port).orElseThrow());
                origins.add(normalize("https://" + name + ":" + port).orElseThrow());
            }
        }
        for (String origin : configured) {
            origins.add(normalize(origin).orElseThrow(() -> new IllegalArgumentException("expected an origin such as"
                    + " https://app.example.org or http://host:8080 (scheme, host, optional port, no path) or *,"
                    + " found \"" + origin + "\"")));
        }
        return new OriginPolicy(origins, false);
    }

    /**
     * An origin in RFC 6454 §6.2 form: lower-case scheme and host, the port only when it is not the scheme's
     * default. Empty when the text is not an http(s) origin.
     */
    public static Optional<String> normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /** Whether an upgrade with this {@code Origin} header (absent: not a browser page) may go ahead. */
    public boolean allows(Optional<String> origin) {
        if (origin.isEmpty() || any) {
            return true;
        }
        return normalize(origin.get()).map(origins::contains).orElse(false);
    }

    /** The origins listed, normalized (empty when every origin is allowed). */
    public List<String> origins() {
        return origins;
    }

    /** True for {@code *}. */
    public boolean any() {
        return any;
    }

    /** {@code {"any":false,"origins":[...]}}, what the softphone reads to judge a {@code ?ws=} URL. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\"any\":").append(any).append(",\"origins\":[");
        String sep = "";
        for (String o : origins) {
            // normalized origins hold no quote or backslash (URI syntax)
            b.append(sep).append('"').append(o).append('"');
            sep = ",";
        }
        return b.append("]}").toString();
    }
}
