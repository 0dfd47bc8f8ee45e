package org.jinglegateway.xmpp;

import java.util.Optional;

/** The RFC 6120 §4.9.3 stream error conditions this gateway sends or tells apart when it receives them. */
public enum StreamErrorCondition {
    BAD_FORMAT("bad-format"),
    CONFLICT("conflict"),
    CONNECTION_TIMEOUT("connection-timeout"),
    HOST_UNKNOWN("host-unknown"),
    INTERNAL_SERVER_ERROR("internal-server-error"),
    INVALID_NAMESPACE("invalid-namespace"),
    NOT_AUTHORIZED("not-authorized"),
    NOT_WELL_FORMED("not-well-formed"),
    POLICY_VIOLATION("policy-violation"),
    RESTRICTED_XML("restricted-xml"),
    SYSTEM_SHUTDOWN("system-shutdown"),
    UNDEFINED_CONDITION("undefined-condition");

    /** urn:ietf:params:xml:ns:xmpp-streams */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private final String token;

    StreamErrorCondition(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The condition for an element name; unknown ones are {@link #UNDEFINED_CONDITION}. */
    public static StreamErrorCondition of(String token) {
        for (StreamErrorCondition c : values()) {
            if (c.token.equals(token)) {
                return c;
            }
        }
        return UNDEFINED_CONDITION;
    }

    /** Looks a condition up without falling back. */
    public static Optional<StreamErrorCondition> find(String token) {
        for (StreamErrorCondition c : values()) {
            if (c.token.equals(token)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
