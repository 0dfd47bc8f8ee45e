package org.jinglegateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Ticker;
import com.google.common.util.concurrent.MoreExecutors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.DeviceRegistry;
import org.jinglegateway.call.DeviceSessions;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.ResumePolicy;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.limits.Budgets;
import org.jinglegateway.xmpp.UserPresence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Packet;

final class SignalingProtocolTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Packet> sent = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CallService calls = new CallService("gw.example.org", new DeviceRegistry(), sent::add, timers,
            MoreExecutors.directExecutor(), Duration.ofSeconds(60));
    private final UserPresence presence = new UserPresence(sent::add, calls);
    private final DeviceSessions devices = new DeviceSessions(calls, presence, new ResumePolicy(Duration.ofSeconds(30),
            100, 100_000), timers);
    private final IceServers ice = new IceServers(new GatewayConfig.Ice(List.of("stun:stun.example.org"),
            List.of("turn:turn.example.org"), "s3cret", 3600), Clock.systemUTC());
    private final SignalingProtocol protocol = new SignalingProtocol(new ObjectMapper(), calls, devices,
            Optional.empty(), ice, timers);
    private final List<String> out = new ArrayList<>();
    private boolean closed;
    private int closeCode;
    private final BrowserConnection connection = new BrowserConnection(out::add, (code, reason) -> {
        closed = true;
        closeCode = code;
    });

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void framesOverTheFrameRate_getOneRateLimitedErrorThenTheSocketIsClosed() {
        calls.setBudgets(new Budgets(30, 8, 2, 30, new Ticker() {
            @Override
            public long read() {
                return 0;
            }
        }));
        for (int i = 0; i < 8; i++) {
            protocol.handle(connection, "{\"type\":\"ping\"}");
        }
        assertThat(out).as("a burst of four seconds' worth passes").hasSize(8).allMatch(f -> f.contains("pong"));
        protocol.handle(connection, "{\"type\":\"ping\"}");
        assertThat(out.get(8)).isEqualTo("{\"type\":\"error\",\"code\":\"rate-limited\",\"message\":\"more"
                + " frames than limits.frames-per-second allows: frames are dropped until the rate falls\"}");
        for (int i = 0; i < 6; i++) {
            protocol.handle(connection, "{\"type\":\"ping\"}");
        }
        assertThat(out).as("dropped frames get no answer").hasSize(9);
        assertThat(closed).as("closed before as many frames again as the burst").isFalse();
        protocol.handle(connection, "{\"type\":\"ping\"}");
        assertThat(closed).as("closed at the burst's worth of dropped frames").isTrue();
    }

    @Test
    void anInstanceOutOfItsCluster_sendsThePageElsewhere_with1013_andRegistersNothing() {
        calls.setDirectory(new org.jinglegateway.call.Directory() {
            @Override
            public boolean serving() {
                return false;
            }
        });
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");

        assertThat(out).as("no registered frame").isEmpty();
        assertThat(closeCode).as("try again later (the SDK moves to its next instance)").isEqualTo(1013);
        assertThat(connection.registered()).isFalse();
        assertThat(sent).as("nothing went online for XMPP").isEmpty();
    }

    @Test
    void ping_answersPong() {
        protocol.handle(connection, "{\"type\":\"ping\"}");
        assertThat(out).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void invalidJson_answersBadJsonError() {
        protocol.handle(connection, "{nope");
        assertThat(out).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"the frame is not valid JSON: ");
    }

    @Test
    void invalidJson_saysWhereItBrokeInOurWords_notJacksons() {
        protocol.handle(connection, "{\"type\":\"ping\",}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"the frame is not"
                + " valid JSON: it stops being JSON at line 1, column 16; a frame is one JSON object such as"
                + " {\\\"type\\\":\\\"ping\\\"}\"}");
    }

    @Test
    void callFrameForAnUnknownCall_answersUnknownCall() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        protocol.handle(connection, "{\"type\":\"accept\",\"callId\":\"zzz\"}");
        assertThat(out.get(1)).isEqualTo("{\"type\":\"error\",\"callId\":\"zzz\",\"code\":\"unknown-call\","
                + "\"message\":\"there is no call \\\"zzz\\\" on this connection\"}");
    }

    @Test
    void arrayFrame_answersBadFrame() {
        protocol.handle(connection, "[1]");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"bad-frame\","
                + "\"message\":\"a frame must be a JSON object with a \\\"type\\\"\"}");
    }

    @Test
    void missingType_answersBadFrame() {
        protocol.handle(connection, "{\"callId\":\"1\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"bad-frame\","
                + "\"message\":\"the frame has no \\\"type\\\" string\"}");
    }

    @Test
    void unknownType_listsTheKnownTypes() {
        protocol.handle(connection, "{\"type\":\"dance\"}");
        assertThat(out).containsExactly("{\"type\":\"error\","
                + "\"code\":\"unknown-type\",\"message\":\"unknown frame type \\\"dance\\\"; expected one of accept,"
                + " answer, call, candidate, hangup, offer, ping, register, reject\"}");
    }

    @Test
    void callBeforeRegister_answersNotRegistered_andTheSocketStaysOpen() {
        protocol.handle(connection, "{\"type\":\"call\",\"callId\":\"c1\",\"to\":\"bob@example.org\",\"sdp\":\"v=0\"}");
        protocol.handle(connection, "{\"type\":\"ping\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"not-registered\",\"message\":\"send"
                + " \\\"register\\\" before \\\"call\\\"\"}", "{\"type\":\"pong\"}");
        assertThat(closed).isFalse();
    }

    @Test
    void register_bindsAFullJidOnTheGatewayDomain() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"Alice\"}");

        assertThat(out).singleElement().asString().matches("\\{\"type\":\"registered\",\"jid\":"
                + "\"alice@gw\\.example\\.org/web-[a-z2-7]{8}\",\"resume\":\"[a-z2-7]{32}\","
                + "\"iceServers\":\\[\\{\"urls\":"
                + "\\[\"stun:stun\\.example\\.org\"]},\\{\"urls\":\\[\"turn:turn\\.example\\.org\"],"
                + "\"username\":\"[0-9]+:alice\",\"credential\":\"[A-Za-z0-9+/=]{28}\"}]}");
        assertThat(calls.devices().of("alice")).containsExactly(connection.device());
    }

    @Test
    void registerTwice_answersAlreadyRegistered() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"bob\"}");
        assertThat(out.get(1)).startsWith("{\"type\":\"error\",\"code\":\"already-registered\"");
    }

    @Test
    void registerWithAUserThatIsNoJidLocalPart_answersBadUser() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"a@b\"}");
        assertThat(out).singleElement().asString().startsWith("{\"type\":\"error\",\"code\":\"bad-user\","
                + "\"message\":\"\\\"a@b\\\" cannot be the local part of a JID (RFC 7622)");
    }

    @Test
    void closedSocket_leavesTheDeviceOnlineForAResume() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        protocol.closed(connection);
        assertThat(calls.devices().of("alice")).containsExactly(connection.device());
        assertThat(devices.away()).isOne();
    }

    @Test
    void closedSocket_withResumeOff_takesTheDeviceOffline() {
        SignalingProtocol noResume = new SignalingProtocol(new ObjectMapper(), calls, new DeviceSessions(calls,
                presence, ResumePolicy.off(), timers), Optional.empty(), ice, timers);
        noResume.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        assertThat(out.get(0)).doesNotContain("resume");
        noResume.closed(connection);
        assertThat(calls.devices().of("alice")).isEmpty();
    }

    @Test
    void socketClosedForCause_takesTheDeviceOfflineWithoutAResume() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        connection.disconnect("too many frames (limits.frames-per-second)");
        protocol.closed(connection);
        assertThat(calls.devices().of("alice")).isEmpty();
    }

    @Test
    void resume_givesTheSameJidANewTokenAndTheCalls() throws Exception {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        JsonNode first = JSON.readTree(out.get(0));
        protocol.closed(connection);
        List<String> out2 = new ArrayList<>();
        BrowserConnection second = new BrowserConnection(out2::add, (code, reason) -> { });

        protocol.handle(second, "{\"type\":\"register\",\"user\":\"alice\",\"resume\":\"" + first.get("resume").asText()
                + "\"}");

        JsonNode again = JSON.readTree(out2.get(0));
        assertThat(again.get("type").asText()).isEqualTo("registered");
        assertThat(again.get("jid")).isEqualTo(first.get("jid"));
        assertThat(again.get("resume").asText()).matches("[a-z2-7]{32}").isNotEqualTo(first.get("resume").asText());
        assertThat(again.get("calls").toString()).isEqualTo("[]");
        assertThat(again.get("iceServers").isArray()).isTrue();
        assertThat(second.device()).isSameAs(connection.device());
        assertThat(devices.away()).isZero();
    }

    @Test
    void resumeWithAnUnknownToken_answersResumeFailed_andTheSocketStaysOpenForRegister() {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\",\"resume\":\"" + "a".repeat(32)
                + "\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"resume-failed\",\"message\":\"nothing to"
                + " resume with this token: it is unknown, used, for another user, or its device's window"
                + " (calls.resume-seconds) has closed; send \\\"register\\\" without \\\"resume\\\"\"}");
        assertThat(closed).isFalse();
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        assertThat(out.get(1)).startsWith("{\"type\":\"registered\"");
    }

    @Test
    void resumeWhileTheOldSocketIsOpen_closesItWith4001_andItsFramesAreIgnored() throws Exception {
        protocol.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        String token = JSON.readTree(out.get(0)).get("resume").asText();
        List<String> out2 = new ArrayList<>();
        BrowserConnection old = connection;
        BrowserConnection second = new BrowserConnection(out2::add, (code, reason) -> { });

        protocol.handle(second, "{\"type\":\"register\",\"user\":\"alice\",\"resume\":\"" + token + "\"}");
        protocol.handle(old, "{\"type\":\"ping\"}");

        assertThat(closed).as("the old socket is closed").isTrue();
        assertThat(closeCode).isEqualTo(DeviceSessions.REPLACED).isEqualTo(4001);
        assertThat(out).as("the old socket's frames are ignored").hasSize(1);
        protocol.closed(old);
        assertThat(calls.devices().of("alice")).containsExactly(second.device());
        assertThat(devices.away()).as("the old socket's close leaves the resumed device alone").isZero();
    }

    @Test
    void tokenForTheUser_registers() {
        SignalingProtocol secured = secured();
        secured.handle(connection, "{\"type\":\"register\",\"user\":\"alice\",\"token\":\"" + token("alice",
                Instant.now().plusSeconds(60)) + "\"}");
        assertThat(out).singleElement().asString().startsWith("{\"type\":\"registered\"");
        assertThat(closed).isFalse();
    }

    @Test
    void tokenForAnotherUser_isRefusedAndTheSocketCloses() {
        SignalingProtocol secured = secured();
        secured.handle(connection, "{\"type\":\"register\",\"user\":\"alice\",\"token\":\"" + token("mallory",
                Instant.now().plusSeconds(60)) + "\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"auth-failed\",\"message\":\"the token is"
                + " for another user (its \\\"sub\\\" must be \\\"alice\\\")\"}");
        assertThat(closed).isTrue();
        assertThat(calls.devices().size()).isZero();
    }

    @Test
    void expiredToken_isRefused() {
        SignalingProtocol secured = secured();
        secured.handle(connection, "{\"type\":\"register\",\"user\":\"alice\",\"token\":\"" + token("alice",
                Instant.now().minusSeconds(600)) + "\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"auth-failed\",\"message\":\"the token has"
                + " expired\"}");
        assertThat(closed).isTrue();
    }

    @Test
    void missingToken_isRefused() {
        SignalingProtocol secured = secured();
        secured.handle(connection, "{\"type\":\"register\",\"user\":\"alice\"}");
        assertThat(out).containsExactly("{\"type\":\"error\",\"code\":\"auth-failed\",\"message\":\"\\\"token\\\""
                + " is required\"}");
    }

    private SignalingProtocol secured() {
        return new SignalingProtocol(new ObjectMapper(), calls, devices, Optional.of(new TokenVerifier(SECRET)),
                ice, timers);
    }

    private static String token(String sub, Instant exp) {
        return JWT.create().withSubject(sub).withExpiresAt(exp)
                .sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
    }
}
