package org.jinglegateway.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.translate.CandidateInit;

/** The gateway-to-browser frames of docs/protocol.md, built in one place. */
public final class Frames {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Frames() {
    }

    public static ObjectNode of(String type) {
        return JSON.objectNode().put("type", type);
    }

    public static ObjectNode call(String type, String callId) {
        return of(type).put("callId", callId);
    }

    public static ObjectNode error(Optional<String> callId, ErrorCode code, String message) {
        ObjectNode n = of("error");
        callId.ifPresent(id -> n.put("callId", id));
        return n.put("code", code.token()).put("message", message);
    }

    public static ObjectNode ring(String callId, String from, List<String> media) {
        ObjectNode n = call("ring", callId).put("from", from);
        ArrayNode a = n.putArray("media");
        media.forEach(a::add);
        return n;
    }

    public static ObjectNode sdp(String type, String callId, Optional<String> from, String sdp) {
        ObjectNode n = call(type, callId);
        from.ifPresent(f -> n.put("from", f));
        return n.put("sdp", sdp);
    }

    public static ObjectNode candidate(String callId, CandidateInit c) {
        ObjectNode n = call("candidate", callId).put("candidate", c.candidate());
        if (c.sdpMid().isPresent()) {
            n.put("sdpMid", c.sdpMid().get());
        } else {
            n.putNull("sdpMid");
        }
        if (c.sdpMLineIndex().isPresent()) {
            n.put("sdpMLineIndex", c.sdpMLineIndex().getAsInt());
        } else {
            n.putNull("sdpMLineIndex");
        }
        c.usernameFragment().ifPresent(u -> n.put("usernameFragment", u));
        return n;
    }

    public static ObjectNode hangup(String callId, String reason, Optional<String> text) {
        ObjectNode n = call("hangup", callId).put("reason", reason);
        text.ifPresent(t -> n.put("text", t));
        return n;
    }
}
