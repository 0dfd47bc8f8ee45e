package org.jinglegateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Frames;
import org.jinglegateway.call.Ids;
import org.jinglegateway.xmpp.UserPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * The browser protocol of contracts.md §3 for one connection: register (with a token when auth is token), ping,
 * and the call frames, which go to the {@link CallService}. Bad input never closes the socket: it gets an
 * {@code error} frame that says what was wrong. Only a refused token closes it.
 */
public final class SignalingProtocol {
    private static final Logger log = LoggerFactory.getLogger(SignalingProtocol.class);

    /** Frame types a browser may send, per contracts.md §3. */
    public static final Set<String> BROWSER_TYPES = Set.of("register", "call", "accept", "reject", "answer",
            "offer", "candidate", "hangup", "ping");
    private static final int MAX_USER = 256;

    private final ObjectMapper json;
    private final CallService calls;
    private final UserPresence presence;
    private final Optional<TokenVerifier> tokens;
    private final IceServers ice;
    private final ScheduledExecutorService timers;
    private final Ids ids = new Ids();

    public SignalingProtocol(ObjectMapper json, CallService calls, UserPresence presence,
                             Optional<TokenVerifier> tokens, IceServers ice, ScheduledExecutorService timers) {
        this.json = json;
        this.calls = calls;
        this.presence = presence;
        this.tokens = tokens;
        this.ice = ice;
        this.timers = timers;
    }

    /** Handles one text frame from a connection; answers go out on the connection. */
    public void handle(BrowserConnection connection, String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            connection.send(Frames.error(Optional.empty(), "bad-json", "the frame is not valid JSON: "
                    + e.getOriginalMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            connection.send(Frames.error(Optional.empty(), "bad-frame",
                    "a frame must be a JSON object with a \"type\""));
            return;
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            connection.send(Frames.error(Optional.empty(), "bad-frame", "the frame has no \"type\" string"));
            return;
        }
        String t = type.asText();
        if ("ping".equals(t)) {
            connection.send(Frames.of("pong"));
        } else if (!BROWSER_TYPES.contains(t)) {
            connection.send(Frames.error(Optional.empty(), "unknown-type", "unknown frame type \"" + t
                    + "\"; expected one of " + String.join(", ", BROWSER_TYPES.stream().sorted().toList())));
        } else if ("register".equals(t)) {
            register(connection, node);
        } else if (!connection.registered()) {
            connection.send(Frames.error(Optional.empty(), "not-registered", "send \"register\" before \"" + t + "\""));
        } else {
            calls.onFrame(connection, t, node);
        }
    }

    /** The socket closed: the device goes offline and its calls end with {@code gone}. */
    public void closed(BrowserConnection connection) {
        connection.stopRefresh();
        if (connection.registered() && calls.devices().remove(connection)) {
            log.info("device.offline jid={}", connection.jid());
            calls.deviceGone(connection);
            presence.deviceOffline(connection);
        }
    }

    private void register(BrowserConnection connection, JsonNode node) {
        if (connection.registered()) {
            connection.send(Frames.error(Optional.empty(), "already-registered", "this connection is already "
                    + connection.jid()));
            return;
        }
        JsonNode u = node.get("user");
        if (u == null || !u.isTextual() || u.asText().isEmpty() || u.asText().length() > MAX_USER) {
            connection.send(Frames.error(Optional.empty(), "bad-user", "\"user\" must be a non-empty string of at"
                    + " most " + MAX_USER + " characters"));
            return;
        }
        String user;
        try {
            user = JID.nodeprep(u.asText());
        } catch (IllegalArgumentException e) {
            connection.send(Frames.error(Optional.empty(), "bad-user", "\"" + u.asText()
                    + "\" cannot be the local part of a JID (RFC 7622): " + e.getMessage()));
            return;
        }
        if (tokens.isPresent()) {
            JsonNode token = node.get("token");
            Optional<String> refusal = token == null || !token.isTextual() ? Optional.of("\"token\" is required")
                    : tokens.get().refuse(token.asText(), user);
            if (refusal.isPresent()) {
                log.warn("device.refused user={} problem={}", user, refusal.get());
                connection.send(Frames.error(Optional.empty(), "auth-failed", refusal.get()));
                connection.close();
                return;
            }
        }
        JID jid = new JID(user, calls.domain(), "web-" + ids.next(8));
        connection.bind(jid);
        calls.devices().add(connection);
        ObjectNode registered = Frames.of("registered").put("jid", jid.toString());
        if (!ice.isEmpty()) {
            registered.set("iceServers", ice.forBrowser(user));
            // TURN credentials expire: fresh ones go out when four fifths of their life has passed
            long every = ice.ttl().toSeconds() * 4 / 5;
            connection.refreshWith(timers.scheduleAtFixedRate(() -> connection.send(Frames.of("ice-servers")
                    .set("iceServers", ice.forBrowser(user))), every, every, TimeUnit.SECONDS));
        }
        connection.send(registered);
        log.info("device.online jid={}", jid);
        presence.deviceOnline(connection);
    }
}
