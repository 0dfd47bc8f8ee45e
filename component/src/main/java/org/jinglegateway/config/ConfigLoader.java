package org.jinglegateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the settings in this order, each overriding the one before: built-in defaults, the YAML file, environment
 * variables ({@link #ENVIRONMENT}), command-line flags. Unknown keys and bad values fail with one line naming the
 * key.
 */
public final class ConfigLoader {

    /** Environment variable -> setting key. Documented in conf/gateway.yaml. */
    public static final Map<String, String> ENVIRONMENT = envNames();

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /** An RFC 6454 origin as browsers send it (http or https, host or [IPv6], optional port), or {@code *}. */
    private static final Pattern ORIGIN = Pattern.compile(
            "\\*|https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?/?");

    /** RFC 7064 / 7065 URIs: scheme, host or [IPv6], optional port, optional transport. */
    private static final String DEFAULTS = """
            xmpp:
              host: 127.0.0.1
              port: 5347
              domain: gw.localhost
              secret: ""
              max-stanza-bytes: 1048576
              max-outgoing-bytes: 491520
              keepalive-seconds: 30
              reconnect-min-millis: 500
              reconnect-max-millis: 30000
              resume-seconds: 30
              held-stanzas: 5000
              held-bytes: 4194304
            http:
              host: 127.0.0.1
              port: 8080
              allowed-origins: []
              ping-seconds: 15
              max-outgoing-queue-bytes: 1048576
            auth:
              mode: none
              token-secret: ""
              token-issuer: ""
              token-audience: ""
              token-max-lifetime-seconds: 0
            admins: []
            calls:
              ring-timeout-seconds: 60
              resume-seconds: 30
            limits:
              calls-per-minute: 30
              concurrent-calls: 8
              frames-per-second: 50
              initiates-per-minute: 30
              sockets-per-address: 100
              held-frames: 200
              held-frame-bytes: 262144
            shutdown-grace-seconds: 10
            cluster:
              port: 0
              host: 127.0.0.1
              members: []
              heartbeat-seconds: 10
            ice:
              stun: []
              turn: []
              turn-secret: ""
              turn-ttl-seconds: 86400
            """;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

    private static Map<String, String> envNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("JINGLE_GATEWAY_XMPP_HOST", "xmpp.host");
        m.put("JINGLE_GATEWAY_XMPP_PORT", "xmpp.port");
        m.put("JINGLE_GATEWAY_DOMAIN", "xmpp.domain");
        m.put("JINGLE_GATEWAY_SECRET", "xmpp.secret");
        m.put("JINGLE_GATEWAY_HTTP_HOST", "http.host");
        m.put("JINGLE_GATEWAY_HTTP_PORT", "http.port");
        m.put("JINGLE_GATEWAY_ALLOWED_ORIGINS", "http.allowed-origins");
        m.put("JINGLE_GATEWAY_AUTH", "auth.mode");
        m.put("JINGLE_GATEWAY_TOKEN_SECRET", "auth.token-secret");
        m.put("JINGLE_GATEWAY_TOKEN_ISSUER", "auth.token-issuer");
        m.put("JINGLE_GATEWAY_TOKEN_AUDIENCE", "auth.token-audience");
        m.put("JINGLE_GATEWAY_TOKEN_MAX_LIFETIME_SECONDS", "auth.token-max-lifetime-seconds");
        m.put("JINGLE_GATEWAY_ADMINS", "admins");
        m.put("JINGLE_GATEWAY_STUN", "ice.stun");
        m.put("JINGLE_GATEWAY_TURN", "ice.turn");
        m.put("JINGLE_GATEWAY_TURN_SECRET", "ice.turn-secret");
        m.put("JINGLE_GATEWAY_CLUSTER_PORT", "cluster.port");
        m.put("JINGLE_GATEWAY_CLUSTER_HOST", "cluster.host");
        m.put("JINGLE_GATEWAY_CLUSTER_MEMBERS", "cluster.members");
        return Map.copyOf(m);
    }

    /**
     * Loads the settings.
     *
     * @param file      the YAML file, or empty for the built-in defaults
     * @param env       the process environment (only the {@link #ENVIRONMENT} names are read)
     * @param overrides setting key ({@code xmpp.port}) -> value, from command-line flags
     */
    public GatewayConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides)
            throws ConfigException {
        ObjectNode tree = readTree(DEFAULTS, "built-in defaults");
        if (file.isPresent()) {
            String text;
            try {
                text = Files.readString(file.get());
            } catch (NoSuchFileException e) {
                throw new ConfigException("--config", "file not found: " + file.get());
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + file.get() + ": " + e.getMessage());
            }
            JsonNode fileTree = parse(text, file.get().toString());
            if (fileTree != null && !fileTree.isMissingNode() && !fileTree.isNull()) {
                if (!fileTree.isObject()) {
                    throw new ConfigException(file.get().toString(), "expected a YAML mapping at the top level");
                }
                merge(tree, (ObjectNode) fileTree, "");
            }
        }
        for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
            String value = env.get(e.getKey());
            if (value != null && !value.isEmpty()) {
                set(tree, e.getValue(), value);
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            set(tree, e.getKey(), e.getValue());
        }
        GatewayConfig config = ConfigBinding.bind(yaml, tree);
        validate(config);
        return config;
    }

    private ObjectNode readTree(String text, String source) throws ConfigException {
        return (ObjectNode) parse(text, source);
    }

    private JsonNode parse(String text, String source) throws ConfigException {
        try {
            return yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(source, "not valid YAML" + where + ": " + e.getOriginalMessage());
        }
    }

    private static void merge(ObjectNode target, ObjectNode source, String prefix) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            String key = prefix + e.getKey();
            if (existing == null) {
                throw new ConfigException(key, "unknown setting" + known(target));
            }
            if (existing.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key, "expected a mapping with" + known((ObjectNode) existing)
                            .replace(" (known:", "").replace(")", ""));
                }
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), key + ".");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String known(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return " (known: " + String.join(", ", names) + ")";
    }

    private static void set(ObjectNode tree, String key, String value) {
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node.get(last) instanceof ArrayNode) {
            ArrayNode array = node.putArray(last);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    array.add(item.trim());
                }
            }
        } else {
            node.put(last, value);
        }
    }

    private static void validate(GatewayConfig c) throws ConfigException {
        requireText(c.xmpp().host(), "xmpp.host");
        range(c.xmpp().port(), 1, 65535, "xmpp.port");
        requireText(c.xmpp().domain(), "xmpp.domain");
        if (!DOMAIN.matcher(c.xmpp().domain()).matches()) {
            throw new ConfigException("xmpp.domain", "must be a domain name such as gw.example.org, found \""
                    + c.xmpp().domain() + "\"");
        }
        if (c.xmpp().secret() == null || c.xmpp().secret().isBlank()) {
            // no built-in secret: a guessable default would let anyone on the server's network be the component
            throw new ConfigException("xmpp.secret", "not set, and there is no default: give the component secret"
                    + " of your XMPP server (Prosody component_secret) with --secret, the environment variable"
                    + " JINGLE_GATEWAY_SECRET or xmpp.secret in the config file");
        }
        range(c.xmpp().maxStanzaBytes(), 1024, 64 * 1024 * 1024, "xmpp.max-stanza-bytes");
        range(c.xmpp().maxOutgoingBytes(), 1024, 64 * 1024 * 1024, "xmpp.max-outgoing-bytes");
        range(c.xmpp().keepaliveSeconds(), 0, 3600, "xmpp.keepalive-seconds");
        range(c.xmpp().reconnectMinMillis(), 10, 600_000, "xmpp.reconnect-min-millis");
        range(c.xmpp().reconnectMaxMillis(), c.xmpp().reconnectMinMillis(), 3_600_000,
                "xmpp.reconnect-max-millis");
        range(c.xmpp().resumeSeconds(), 0, 3600, "xmpp.resume-seconds");
        range(c.xmpp().heldStanzas(), 0, 1_000_000, "xmpp.held-stanzas");
        range(c.xmpp().heldBytes(), 0, 256 * 1024 * 1024, "xmpp.held-bytes");
        requireText(c.http().host(), "http.host");
        range(c.http().port(), 0, 65535, "http.port");
        for (String origin : c.http().allowedOrigins()) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new ConfigException("http.allowed-origins", "expected origins such as https://app.example.org"
                        + " or http://host:8080 (scheme, host, optional port; no path), or *, found \"" + origin + "\"");
            }
        }
        range(c.http().pingSeconds(), 1, 3600, "http.ping-seconds");
        range(c.http().maxOutgoingQueueBytes(), 65536, 1024 * 1024 * 1024, "http.max-outgoing-queue-bytes");
        if (c.auth().mode() == GatewayConfig.Mode.TOKEN && c.auth().tokenSecret().length() < 32) {
            throw new ConfigException("auth.token-secret", "must be at least 32 characters when auth.mode is token");
        }
        range(c.auth().tokenMaxLifetimeSeconds(), 0, 366 * 86400, "auth.token-max-lifetime-seconds");
        for (String admin : c.admins()) {
            if (!admin.contains("@") || admin.contains(" ")) {
                throw new ConfigException("admins", "expected bare JIDs such as admin@example.org, found \""
                        + admin + "\"");
            }
        }
        range(c.calls().ringTimeoutSeconds(), 1, 3600, "calls.ring-timeout-seconds");
        range(c.calls().resumeSeconds(), 0, 3600, "calls.resume-seconds");
        range(c.limits().callsPerMinute(), 1, 100_000, "limits.calls-per-minute");
        range(c.limits().concurrentCalls(), 1, 10_000, "limits.concurrent-calls");
        range(c.limits().framesPerSecond(), 1, 100_000, "limits.frames-per-second");
        range(c.limits().initiatesPerMinute(), 1, 100_000, "limits.initiates-per-minute");
        range(c.limits().socketsPerAddress(), 1, 1_000_000, "limits.sockets-per-address");
        range(c.limits().heldFrames(), 1, 1_000_000, "limits.held-frames");
        range(c.limits().heldFrameBytes(), 1024, 1024 * 1024 * 1024, "limits.held-frame-bytes");
        range(c.shutdownGraceSeconds(), 0, 3600, "shutdown-grace-seconds");
        iceUrls(c.ice().stun(), "ice.stun", "stun", "expected stun:host[:port] or stuns:host[:port] (RFC 7064)");
        iceUrls(c.ice().turn(), "ice.turn", "turn", "expected turn:host[:port][?transport=udp|tcp] or turns:..."
                + " (RFC 7065)");
        if (!c.ice().turn().isEmpty() && c.ice().turnSecret().isEmpty()) {
            throw new ConfigException("ice.turn-secret", "must be set when ice.turn lists servers: it is coturn's"
                    + " static-auth-secret (use-auth-secret)");
        }
        range(c.ice().turnTtlSeconds(), 60, 7 * 86400, "ice.turn-ttl-seconds");
        cluster(c.cluster());
    }

    private static void cluster(GatewayConfig.Cluster c) throws ConfigException {
        range(c.port(), 0, 65535, "cluster.port");
        range(c.heartbeatSeconds(), 2, 600, "cluster.heartbeat-seconds");
        if (!c.enabled()) {
            return;
        }
        requireText(c.host(), "cluster.host");
        if (c.members().isEmpty()) {
            throw new ConfigException("cluster.members", "must list the host:port of the instances (this one too)"
                    + " when cluster.port is set");
        }
        for (String member : c.members()) {
            int colon = member.lastIndexOf(':');
            boolean ok = colon > 0 && member.substring(colon + 1).matches("[0-9]{1,5}")
                    && Integer.parseInt(member.substring(colon + 1)) >= 1
                    && Integer.parseInt(member.substring(colon + 1)) <= 65535;
            if (!ok) {
                throw new ConfigException("cluster.members", "expected host:port entries such as 10.0.0.2:5701,"
                        + " found \"" + member + "\"");
            }
        }
    }

    /** Each URL in the key's scheme and in {@link IceUrl}'s grammar, the one the gateway serves them by. */
    private static void iceUrls(java.util.List<String> urls, String key, String scheme, String form)
            throws ConfigException {
        for (String url : urls) {
            if (!url.startsWith(scheme + ":") && !url.startsWith(scheme + "s:")) {
                throw new ConfigException(key, form + ", found \"" + url + "\"");
            }
            try {
                IceUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
    }

    private static void requireText(String value, String key) throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }

    private static void range(int value, int min, int max, String key) throws ConfigException {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be " + min + "-" + max + ", found " + value);
        }
    }
}
