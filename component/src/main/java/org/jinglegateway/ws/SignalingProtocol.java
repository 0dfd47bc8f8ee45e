package org.jinglegateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Turns one browser frame into the frames to send back (contracts.md §3). Bad input never closes the socket: it
 * gets an {@code error} frame that says what was wrong. The call frames arrive with the calls work (issue 4);
 * until then they are answered with {@code not-implemented}.
 */
public final class SignalingProtocol {
    /** Frame types a browser may send, per contracts.md §3. */
    public static final Set<String> BROWSER_TYPES = Set.of("register", "call", "accept", "reject", "answer",
            "offer", "candidate", "hangup", "ping");

    private final ObjectMapper json;

    public SignalingProtocol(ObjectMapper json) {
        this.json = json;
    }

    /** The frames to answer one text frame with. */
    public List<String> handle(String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            return List.of(error("bad-json", "the frame is not valid JSON: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return List.of(error("bad-frame", "a frame must be a JSON object with a \"type\""));
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            return List.of(error("bad-frame", "the frame has no \"type\" string"));
        }
        String t = type.asText();
        if ("ping".equals(t)) {
            return List.of(frame("pong"));
        }
        if (!BROWSER_TYPES.contains(t)) {
            return List.of(error("unknown-type", "unknown frame type \"" + t + "\"; expected one of "
                    + String.join(", ", BROWSER_TYPES.stream().sorted().toList())));
        }
        return List.of(error("not-implemented", "\"" + t + "\" is not available in this version of the gateway"));
    }

    private String frame(String type) {
        return json.createObjectNode().put("type", type).toString();
    }

    private String error(String code, String message) {
        ObjectNode n = json.createObjectNode().put("type", "error").put("code", code).put("message", message);
        return n.toString();
    }
}
