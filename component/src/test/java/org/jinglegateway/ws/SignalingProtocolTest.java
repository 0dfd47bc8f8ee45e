package org.jinglegateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

final class SignalingProtocolTest {
    private final SignalingProtocol protocol = new SignalingProtocol(new ObjectMapper());

    @Test
    void ping_answersPong() {
        assertThat(protocol.handle("{\"type\":\"ping\"}")).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void invalidJson_answersBadJsonError() {
        assertThat(protocol.handle("{nope")).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"the frame is not valid JSON: ");
    }

    @Test
    void arrayFrame_answersBadFrame() {
        assertThat(protocol.handle("[1]")).containsExactly("{\"type\":\"error\",\"code\":\"bad-frame\","
                + "\"message\":\"a frame must be a JSON object with a \\\"type\\\"\"}");
    }

    @Test
    void missingType_answersBadFrame() {
        assertThat(protocol.handle("{\"callId\":\"1\"}")).containsExactly("{\"type\":\"error\",\"code\":\"bad-frame\","
                + "\"message\":\"the frame has no \\\"type\\\" string\"}");
    }

    @Test
    void unknownType_listsTheKnownTypes() {
        assertThat(protocol.handle("{\"type\":\"dance\"}")).containsExactly("{\"type\":\"error\","
                + "\"code\":\"unknown-type\",\"message\":\"unknown frame type \\\"dance\\\"; expected one of accept,"
                + " answer, call, candidate, hangup, offer, ping, register, reject\"}");
    }
}
