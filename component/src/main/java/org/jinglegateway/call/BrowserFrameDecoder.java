package org.jinglegateway.call;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jinglegateway.call.BrowserFrame.Accept;
import org.jinglegateway.call.BrowserFrame.Answer;
import org.jinglegateway.call.BrowserFrame.Candidate;
import org.jinglegateway.call.BrowserFrame.Hangup;
import org.jinglegateway.call.BrowserFrame.Offer;
import org.jinglegateway.call.BrowserFrame.Ping;
import org.jinglegateway.call.BrowserFrame.PlaceCall;
import org.jinglegateway.call.BrowserFrame.Register;
import org.jinglegateway.call.BrowserFrame.Reject;
import org.jinglegateway.call.FrameRefusal.Precedence;
import org.jinglegateway.mapper.XmlChars;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.xmpp.packet.JID;

/**
 * The one place a browser's text frame becomes a {@link BrowserFrame} (docs/protocol.md). Every refusal is written
 * here in the gateway's own words, saying what was wrong and what is expected; no parser's exception text reaches a
 * browser.
 */
public final class BrowserFrameDecoder {
    /** The longest callId a browser may choose. */
    public static final int MAX_CALL_ID = 64;
    /** The longest user name a browser may register. */
    public static final int MAX_USER = 256;
    /** The longest resume token a browser may send (the gateway's own are 32 characters). */
    public static final int MAX_RESUME = 128;
    /** What a resume token is made of: URL-safe characters only. */
    private static final Pattern RESUME = Pattern.compile("[A-Za-z0-9_-]{1,"
            + MAX_RESUME + "}");
    /** What RFC 7622 §3.3 (nodeprep) refuses in a local part, for the error texts. */
    private static final String LOCAL_PART_RULE = "no spaces, control characters or any of \" & ' / : < > @";

    private final ObjectMapper json;

    public BrowserFrameDecoder(ObjectMapper json) {
        this.json = json;
    }

    /** Decodes one text frame; never throws. */
    public Decoded decode(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            return first(ErrorCode.BAD_JSON, "the frame is not valid JSON: " + where(e.getLocation())
                    + "a frame is one JSON object such as {\"type\":\"ping\"}");
        }
        if (node == null || !node.isObject()) {
            return first(ErrorCode.BAD_FRAME, "a frame must be a JSON object with a \"type\"");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            return first(ErrorCode.BAD_FRAME, "the frame has no \"type\" string");
        }
        Optional<FrameType> known = FrameType.of(type.asText());
        if (known.isEmpty()) {
            return first(ErrorCode.UNKNOWN_TYPE, "unknown frame type \"" + type.asText() + "\"; expected one of "
                    + String.join(", ", FrameType.TOKENS));
        }
        return switch (known.get()) {
            case PING -> new Ping();
            case REGISTER -> register(node);
            default -> forCall(known.get(), node);
        };
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : "it stops being JSON at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + "; ";
    }

    private static Decoded register(JsonNode node) {
        JsonNode u = node.get("user");
        if (u == null || !u.isTextual() || u.asText().isEmpty() || u.asText().length() > MAX_USER) {
            return refuse(FrameType.REGISTER, Optional.empty(), ErrorCode.BAD_USER, "\"user\" must be a non-empty"
                    + " string of at most " + MAX_USER + " characters", Precedence.AFTER_REGISTRATION);
        }
        String user;
        try {
            user = JID.nodeprep(u.asText());
        } catch (IllegalArgumentException e) {
            return refuse(FrameType.REGISTER, Optional.empty(), ErrorCode.BAD_USER, "\"" + u.asText()
                    + "\" cannot be the local part of a JID (RFC 7622): it must have " + LOCAL_PART_RULE,
                    Precedence.AFTER_REGISTRATION);
        }
        JsonNode resume = node.get("resume");
        if (resume != null && !resume.isNull() && (!resume.isTextual() || !RESUME.matcher(resume.asText()).matches())) {
            return refuse(FrameType.REGISTER, Optional.empty(), ErrorCode.BAD_FRAME, "\"resume\" must be the resume"
                    + " token of an earlier \"registered\": 1 to " + MAX_RESUME + " characters A-Z, a-z, 0-9, - or _",
                    Precedence.AFTER_REGISTRATION);
        }
        return new Register(user, text(node, "token"), text(node, "resume"));
    }

    private static Decoded forCall(FrameType type, JsonNode node) {
        Optional<String> id = text(node, "callId");
        if (id.isEmpty() || id.get().isEmpty() || id.get().length() > MAX_CALL_ID) {
            return refuse(type, Optional.empty(), ErrorCode.BAD_FRAME, "\"" + type + "\" needs a \"callId\" string"
                    + " of 1 to " + MAX_CALL_ID + " characters", Precedence.AFTER_REGISTRATION);
        }
        String callId = id.get();
        return switch (type) {
            case CALL -> placeCall(callId, node);
            case ACCEPT -> new Accept(callId);
            case REJECT -> new Reject(callId);
            case ANSWER -> required(node, "sdp").<Decoded>map(sdp -> new Answer(callId, sdp))
                    .orElseGet(() -> missing(type, callId, "sdp", Precedence.AFTER_CALL_LOOKUP));
            case OFFER -> required(node, "sdp").<Decoded>map(sdp -> new Offer(callId, sdp))
                    .orElseGet(() -> missing(type, callId, "sdp", Precedence.AFTER_CALL_LOOKUP));
            case CANDIDATE -> candidate(callId, node);
            case HANGUP -> hangup(callId, node);
            default -> throw new IllegalArgumentException(type + " is not a call frame");
        };
    }

    private static Decoded placeCall(String callId, JsonNode node) {
        Optional<String> to = required(node, "to");
        if (to.isEmpty()) {
            return missing(FrameType.CALL, callId, "to", Precedence.AFTER_REGISTRATION);
        }
        Optional<String> sdp = required(node, "sdp");
        if (sdp.isEmpty()) {
            return missing(FrameType.CALL, callId, "sdp", Precedence.AFTER_REGISTRATION);
        }
        JID peer;
        try {
            peer = new JID(to.get());
        } catch (IllegalArgumentException e) {
            return refuse(FrameType.CALL, Optional.of(callId), ErrorCode.BAD_JID, "\"to\" is not a valid JID: expected"
                    + " user@domain or user@domain/resource (RFC 7622), the user part with " + LOCAL_PART_RULE
                    + " and the domain a host name", Precedence.AFTER_DUPLICATE_CHECK);
        }
        return new PlaceCall(callId, peer, sdp.get());
    }

    private static Decoded candidate(String callId, JsonNode frame) {
        JsonNode candidate = frame.get("candidate");
        if (candidate == null || !candidate.isTextual()) {
            return refuse(FrameType.CANDIDATE, Optional.of(callId), ErrorCode.BAD_CANDIDATE, "\"candidate\" must be a"
                    + " string (\"\" for end of candidates)", Precedence.AFTER_CALL_LOOKUP);
        }
        JsonNode mid = frame.get("sdpMid");
        JsonNode index = frame.get("sdpMLineIndex");
        JsonNode ufrag = frame.get("usernameFragment");
        if (mid != null && !mid.isNull() && !mid.isTextual() || index != null && !index.isNull() && !index.isInt()
                || ufrag != null && !ufrag.isNull() && !ufrag.isTextual()) {
            return refuse(FrameType.CANDIDATE, Optional.of(callId), ErrorCode.BAD_CANDIDATE, "sdpMid and"
                    + " usernameFragment must be strings or null, and sdpMLineIndex a number or null",
                    Precedence.AFTER_CALL_LOOKUP);
        }
        return new Candidate(callId, new CandidateInit(candidate.asText(),
                mid == null || mid.isNull() ? Optional.empty() : Optional.of(mid.asText()),
                index == null || index.isNull() ? OptionalInt.empty() : OptionalInt.of(index.asInt()),
                ufrag == null || ufrag.isNull() ? Optional.empty() : Optional.of(ufrag.asText())));
    }

    private static Decoded hangup(String callId, JsonNode node) {
        String reason = text(node, "reason").orElse("success");
        if (!Reasons.isReason(reason)) {
            return refuse(FrameType.HANGUP, Optional.of(callId), ErrorCode.BAD_REASON, "\"" + reason
                    + "\" is not an XEP-0166 reason; use one of " + String.join(", ", Reasons.ALL),
                    Precedence.AFTER_CALL_LOOKUP);
        }
        Optional<String> text = text(node, "text");
        int bad = text.map(XmlChars::firstForbidden).orElse(-1);
        if (bad >= 0) {
            return refuse(FrameType.HANGUP, Optional.of(callId), ErrorCode.BAD_FRAME, "\"text\" holds "
                    + XmlChars.name(text.get().charAt(bad)) + " at position " + bad + ", which XML 1.0 forbids (the"
                    + " text goes into the session-terminate)", Precedence.AFTER_CALL_LOOKUP);
        }
        return new Hangup(callId, reason, text);
    }

    private static FrameRefusal first(ErrorCode code, String message) {
        return new FrameRefusal(Optional.empty(), Optional.empty(), code, message, Precedence.FIRST);
    }

    private static FrameRefusal missing(FrameType type, String callId, String field, Precedence precedence) {
        return refuse(type, Optional.of(callId), ErrorCode.BAD_FRAME, "\"" + field + "\" must be a non-empty string",
                precedence);
    }

    private static FrameRefusal refuse(FrameType type, Optional<String> callId, ErrorCode code, String message,
                                       Precedence precedence) {
        return new FrameRefusal(Optional.of(type), callId, code, message, precedence);
    }

    private static Optional<String> text(JsonNode frame, String field) {
        JsonNode n = frame.get(field);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static Optional<String> required(JsonNode frame, String field) {
        return text(frame, field).filter(v -> !v.isEmpty());
    }
}
