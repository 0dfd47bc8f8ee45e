package org.jinglegateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jinglegateway.call.BrowserDevice;
import org.jinglegateway.call.BrowserFrame;
import org.jinglegateway.call.BrowserFrameDecoder;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Decoded;
import org.jinglegateway.call.DeviceSessions;
import org.jinglegateway.call.ErrorCode;
import org.jinglegateway.call.FrameRefusal;
import org.jinglegateway.call.FrameType;
import org.jinglegateway.call.Frames;
import org.jinglegateway.call.IceServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser protocol of docs/protocol.md for one connection: register (with a token when auth is token), ping,
 * and the call frames, which go to the {@link CallService}. Bad input never closes the socket: it gets an
 * {@code error} frame that says what was wrong. Only a refused token closes it. The device a socket registers
 * outlives the socket ({@link DeviceSessions}): a later socket may resume it (docs/protocol.md §8).
 */
public final class SignalingProtocol {
    private static final Logger log = LoggerFactory.getLogger(SignalingProtocol.class);


    private final BrowserFrameDecoder decoder;
    private final CallService calls;
    private final DeviceSessions devices;
    private final Optional<TokenVerifier> tokens;
    private final IceServers ice;
    private final ScheduledExecutorService timers;

    public SignalingProtocol(ObjectMapper json, CallService calls, DeviceSessions devices,
                             Optional<TokenVerifier> tokens, IceServers ice, ScheduledExecutorService timers) {
        this.decoder = new BrowserFrameDecoder(json);
        this.calls = calls;
        this.devices = devices;
        this.tokens = tokens;
        this.ice = ice;
        this.timers = timers;
    }

    /** Handles one text frame from a connection; answers go out on the connection. */
    public void handle(BrowserConnection connection, String frame) {
        BrowserDevice device = connection.device();
        if (device != null && !device.carriedBy(connection)) {
            // its device was resumed on another socket, and this one is being closed
            return;
        }
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
                        + " already " + connection.device().jid()));
            } else if (decoded instanceof FrameRefusal r) {
                connection.send(Frames.error(r.callId(), r.code(), r.message()));
            } else {
                register(connection, (BrowserFrame.Register) decoded);
            }
        } else if (!connection.registered()) {
            connection.send(Frames.error(Optional.empty(), ErrorCode.NOT_REGISTERED, "send \"register\" before \""
                    + type + "\""));
        } else if (decoded instanceof FrameRefusal r) {
            calls.refuse(connection.device(), r);
        } else {
            calls.onFrame(connection.device(), (BrowserFrame.ForCall) decoded);
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

    /**
     * The socket closed: its device is away for {@code calls.resume-seconds}, or goes offline now (resume off, or the
     * socket closed for cause), and then its calls end with {@code gone}.
     */
    public void closed(BrowserConnection connection) {
        calls.budgets().forgetSocket(connection);
        connection.stopRefresh();
        BrowserDevice device = connection.device();
        if (device != null) {
            devices.detached(device, connection, connection.resumable());
        }
    }

    /**
     * An instance out of its cluster takes no page: what it wrote now could be lost in the merge. The socket closes
     * with 1013 (try again later), and the page tries its next instance after its backoff (docs/protocol.md §8).
     */
    private static void notServing(BrowserConnection connection, String user) {
        log.warn("device.refused user={} problem=this instance is out of its cluster", user);
        connection.close(TRY_AGAIN_LATER, "this gateway instance is out of its cluster for now: try another");
    }

    /** WebSocket status 1013 (RFC 6455 §7.4, IANA registry): try again later. */
    static final int TRY_AGAIN_LATER = 1013;

    private void register(BrowserConnection connection, BrowserFrame.Register frame) {
        String user = frame.user();
        if (tokens.isPresent()) {
            Optional<String> refusal = frame.token().isEmpty() ? Optional.of("\"token\" is required")
                    : tokens.get().refuse(frame.token().get(), user);
            if (refusal.isPresent()) {
                log.warn("device.refused user={} problem={}", user, refusal.get());
                connection.send(Frames.error(Optional.empty(), ErrorCode.AUTH_FAILED, refusal.get()));
                connection.disconnect("registration refused");
                return;
            }
        }
        if (!devices.serving()) {
            notServing(connection, user);
            return;
        }
        Consumer<ObjectNode> extras = registered -> {
            if (!ice.isEmpty()) {
                registered.set("iceServers", ice.forBrowser(user));
            }
        };
        if (frame.resume().isPresent()) {
            Optional<BrowserDevice> resumed = devices.resume(user, frame.resume().get(), connection, extras);
            if (resumed.isEmpty() && !devices.serving()) {
                // left its cluster while claiming: the token is still good on another instance
                notServing(connection, user);
                return;
            }
            if (resumed.isEmpty()) {
                connection.send(Frames.error(Optional.empty(), ErrorCode.RESUME_FAILED, "nothing to resume with this"
                        + " token: it is unknown, used, for another user, or its device's window"
                        + " (calls.resume-seconds) has closed; send \"register\" without \"resume\""));
                return;
            }
            connection.bind(resumed.get());
        } else {
            connection.bind(devices.register(user, connection, extras));
        }
        if (!ice.isEmpty()) {
            // TURN credentials expire: fresh ones go out when four fifths of their life has passed
            long every = ice.ttl().toSeconds() * 4 / 5;
            BrowserDevice device = connection.device();
            connection.refreshWith(timers.scheduleAtFixedRate(() -> device.send(Frames.of("ice-servers")
                    .set("iceServers", ice.forBrowser(user))), every, every, TimeUnit.SECONDS));
        }
    }
}
