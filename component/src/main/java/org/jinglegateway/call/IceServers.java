package org.jinglegateway.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jinglegateway.config.GatewayConfig;

/**
 * STUN/TURN servers for browsers (RTCIceServer form) and for XEP-0215, with time-limited TURN credentials in the
 * shared-secret scheme of coturn's {@code use-auth-secret} and Prosody's mod_turn_external: the username is
 * {@code <expiry unix time>:<user>} and the password is base64(HMAC-SHA1(secret, username)).
 */
public final class IceServers {
    private static final Pattern URL = Pattern.compile("(stuns?|turns?):(\\[[^]]+]|[^:?]+)(?::(\\d+))?"
            + "(?:\\?transport=(udp|tcp))?");

    private volatile GatewayConfig.Ice settings;
    private final Clock clock;

    public IceServers(GatewayConfig.Ice settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A TURN login for one user. */
    public record Credential(String username, String password, Instant expires) {
    }

    /** One server as XEP-0215 §3 lists it. */
    public record Service(String type, String host, int port, String transport) {
    }

    /** Reloaded settings: logins made from now on use them. */
    public void update(GatewayConfig.Ice newSettings) {
        this.settings = newSettings;
    }

    public boolean isEmpty() {
        return settings.stun().isEmpty() && settings.turn().isEmpty();
    }

    /** How long a credential lasts; browsers get new ones before that. */
    public Duration ttl() {
        return Duration.ofSeconds(settings.turnTtlSeconds());
    }

    public Credential credential(String user) {
        // whole seconds: the login carries them, and XEP-0215's expires needs no fraction
        Instant expires = clock.instant().plus(ttl()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String username = expires.getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(settings.turnSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return new Credential(username, Base64.getEncoder().encodeToString(digest), expires);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java platform", e);
        }
    }

    /** The {@code iceServers} of an RTCConfiguration for a user. */
    public ArrayNode forBrowser(String user) {
        ArrayNode servers = JsonNodeFactory.instance.arrayNode();
        if (!settings.stun().isEmpty()) {
            ArrayNode urls = servers.addObject().putArray("urls");
            settings.stun().forEach(urls::add);
        }
        if (!settings.turn().isEmpty()) {
            Credential c = credential(user);
            ObjectNode turn = servers.addObject();
            ArrayNode urls = turn.putArray("urls");
            settings.turn().forEach(urls::add);
            turn.put("username", c.username()).put("credential", c.password());
        }
        return servers;
    }

    /** The configured servers as XEP-0215 services. */
    public List<Service> services() {
        List<Service> out = new ArrayList<>();
        for (String url : settings.stun()) {
            out.add(service(url));
        }
        for (String url : settings.turn()) {
            out.add(service(url));
        }
        return out;
    }

    private static Service service(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a STUN/TURN URL: " + url);
        }
        boolean secure = m.group(1).endsWith("s");
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : secure ? 5349 : 3478;
        String transport = m.group(4) != null ? m.group(4) : secure ? "tcp" : "udp";
        return new Service(m.group(1), host, port, transport);
    }
}
