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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.config.IceUrl;

/**
 * STUN/TURN servers for browsers (RTCIceServer form) and for XEP-0215, with time-limited TURN credentials in the
 * shared-secret scheme of coturn's {@code use-auth-secret} and Prosody's mod_turn_external: the username is
 * {@code <expiry unix time>:<user>} and the password is base64(HMAC-SHA1(secret, username)).
 */
public final class IceServers {
    private volatile GatewayConfig.Ice settings;
    /** The configured URLs parsed, made with {@link #settings} (XEP-0215 answers read them). */
    private volatile List<IceUrl> services;
    private final Clock clock;

    public IceServers(GatewayConfig.Ice settings, Clock clock) {
        this.clock = clock;
        update(settings);
    }

    /** A TURN login for one user. */
    public record Credential(String username, String password, Instant expires) {
    }

    /** Reloaded settings: logins made from now on use them. */
    public void update(GatewayConfig.Ice newSettings) {
        List<IceUrl> parsed = new ArrayList<>();
        newSettings.stun().forEach(u -> parsed.add(IceUrl.parse(u)));
        newSettings.turn().forEach(u -> parsed.add(IceUrl.parse(u)));
        this.services = List.copyOf(parsed);
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

    /** The configured servers as XEP-0215 services, parsed when the settings were set. */
    public List<IceUrl> services() {
        return services;
    }
}
