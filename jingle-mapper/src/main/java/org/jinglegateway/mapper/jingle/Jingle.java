package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <jingle xmlns='urn:xmpp:jingle:1' action sid initiator responder>} (XEP-0166 §7.1): contents, XEP-0338
 * groups, a reason, and the rest (session-info payloads, ...) in {@code extra}.
 */
public record Jingle(JingleAction action, String sid, Optional<String> initiator, Optional<String> responder,
                     List<Content> contents, List<ContentGroup> groups, Optional<Reason> reason,
                     List<RawXml> extra) {
    public Jingle {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sid, "sid");
        contents = List.copyOf(contents);
        groups = List.copyOf(groups);
        extra = List.copyOf(extra);
    }

    /** An action with no contents, groups, reason or JIDs: add what it carries with the {@code withX} copies. */
    public static Jingle of(JingleAction action, String sid) {
        return new Jingle(action, sid, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                List.of());
    }

    public Jingle withAction(JingleAction newAction) {
        return new Jingle(newAction, sid, initiator, responder, contents, groups, reason, extra);
    }

    public Jingle withSid(String newSid) {
        return new Jingle(action, newSid, initiator, responder, contents, groups, reason, extra);
    }

    public Jingle withInitiator(Optional<String> newInitiator) {
        return new Jingle(action, sid, newInitiator, responder, contents, groups, reason, extra);
    }

    public Jingle withResponder(Optional<String> newResponder) {
        return new Jingle(action, sid, initiator, newResponder, contents, groups, reason, extra);
    }

    public Jingle withContents(List<Content> newContents) {
        return new Jingle(action, sid, initiator, responder, newContents, groups, reason, extra);
    }

    public Jingle withGroups(List<ContentGroup> newGroups) {
        return new Jingle(action, sid, initiator, responder, contents, newGroups, reason, extra);
    }

    public Jingle withReason(Optional<Reason> newReason) {
        return new Jingle(action, sid, initiator, responder, contents, groups, newReason, extra);
    }

    public Jingle withExtra(List<RawXml> newExtra) {
        return new Jingle(action, sid, initiator, responder, contents, groups, reason, newExtra);
    }
}
