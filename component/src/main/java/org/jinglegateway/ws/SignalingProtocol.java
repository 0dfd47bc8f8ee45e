package org.jinglegateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.call.BrowserFrame;
import org.jinglegateway.call.BrowserFrameDecoder;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Decoded;
import org.jinglegateway.call.ErrorCode;
import org.jinglegateway.call.FrameRefusal;
import org.jinglegateway.call.FrameType;
import org.jinglegateway.call.Frames;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.Ids;
import org.jinglegateway.xmpp.UserPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * The browser protocol of docs/protocol.md for one connection: register (with a token when auth is token), ping,
 * and the call frames, which go to the {@link CallService}. Bad input never closes the socket: it gets an
 * {@code error} frame that says what was wrong. Only a refused token closes it.
 */
public final class SignalingProtocol {
    private static final Logger log = LoggerFactory.getLogger(SignalingProtocol.class);


    private final BrowserFrameDecoder decoder;
    private final CallService calls;
    private final UserPresence presence;
    private final Optional<TokenVerifier> tokens;
    private final IceServers ice;
    private final ScheduledExecutorService timers;
    private final Ids ids = new Ids();

    public SignalingProtocol(ObjectMapper json, CallService calls, UserPresence presence,
                             Optional<TokenVerifier> tokens, IceServers ice, ScheduledExecutorService timers) {
        this.decoder = new BrowserFrameDecoder(json);
        this.calls = calls;
        this.presence = presence;
        this.tokens = tokens;
        this.ice = ice;
        this.timers = timers;
    }

    /** Handles one text frame from a connection; answers go out on the connection. */
    public void handle(BrowserConnection connection, String frame) {
        if (!withinFrameRate(connection)) {
            return;
        }
        Decoded decoded = decoder.decode(frame);
        if (decoded instanceof FrameRefusal r && r.precedence() == FrameRefusal.Precedence.FIRST) {
            connection.send(Frames.error(r.callId(), r.code(), r.message()));
            return;
        }
        if (decoded instanceof BrowserFrame.Ping) {
            connection.send(Frames.of("pong"));
            return;
        }
        FrameType type = decoded instanceof BrowserFrame f ? f.type() : ((FrameRefusal) decoded).type().orElseThrow();
        if (type == FrameType.REGISTER) {
            if (connection.registered()) {
                connection.send(Frames.error(Optional.empty(), ErrorCode.ALREADY_REGISTERED, "this connection is"
                        + " already " + connection.jid()));
            } else if (decoded instanceof FrameRefusal r) {
                connection.send(Frames.error(r.callId(), r.code(), r.message()));
            } else {
                register(connection, (BrowserFrame.Register) decoded);
            }
        } else if (!connection.registered()) {
            connection.send(Frames.error(Optional.empty(), ErrorCode.NOT_REGISTERED, "send \"register\" before \""
                    + type + "\""));
        } else if (decoded instanceof FrameRefusal r) {
            calls.refuse(connection, r);
        } else {
            calls.onFrame(connection, (BrowserFrame.ForCall) decoded);
        }
    }

    /**
     * The socket's frame budget (limits.frames-per-second): a frame over it is dropped, and the first of a run of
     * dropped frames gets one {@code rate-limited} error (never one per frame: the answers would be the flood). A
     * socket that goes on sending as many frames again as its burst while over the rate is closed with 1008.
     */
    private boolean withinFrameRate(BrowserConnection connection) {
        if (calls.budgets().frame(connection)) {
            connection.frameTaken();
            return true;
        }
        int dropped = connection.frameDropped();
        if (dropped == 1) {
            connection.send(Frames.error(Optional.empty(), ErrorCode.RATE_LIMITED, "more frames than"
                    + " limits.frames-per-second allows: frames are dropped until the rate falls"));
        } else if (dropped == calls.budgets().framesDroppedBeforeClose()) {
            log.warn("ws.frame-flood device={} dropped={}", connection, dropped);
            connection.disconnect("too many frames (limits.frames-per-second)");
        }
        return false;
    }

    /** The socket closed: the device goes offline and its calls end with {@code gone}. */
    public void closed(BrowserConnection connection) {
        calls.budgets().forgetSocket(connection);
        connection.stopRefresh();
        if (connection.registered() && calls.devices().remove(connection)) {
            log.info("device.offline jid={}", connection.jid());
            calls.deviceGone(connection);
            presence.deviceOffline(connection);
        }
    }

    private void register(BrowserConnection connection, BrowserFrame.Register frame) {
        String user = frame.user();
        if (tokens.isPresent()) {
            Optional<String> refusal = frame.token().isEmpty() ? Optional.of("\"token\" is required")
                    : tokens.get().refuse(frame.token().get(), user);
            if (refusal.isPresent()) {
                log.warn("device.refused user={} problem={}", user, refusal.get());
                connection.send(Frames.error(Optional.empty(), ErrorCode.AUTH_FAILED, refusal.get()));
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
