package org.jinglegateway.mapper.jingle;

/** The {@code action} attribute (XEP-0166 §7.2). */
public enum JingleAction {
    CONTENT_ACCEPT("content-accept"), CONTENT_ADD("content-add"), CONTENT_MODIFY("content-modify"),
    CONTENT_REJECT("content-reject"), CONTENT_REMOVE("content-remove"), DESCRIPTION_INFO("description-info"),
    SECURITY_INFO("security-info"), SESSION_ACCEPT("session-accept"), SESSION_INFO("session-info"),
    SESSION_INITIATE("session-initiate"), SESSION_TERMINATE("session-terminate"),
    TRANSPORT_ACCEPT("transport-accept"), TRANSPORT_INFO("transport-info"), TRANSPORT_REJECT("transport-reject"),
    TRANSPORT_REPLACE("transport-replace");

    private final String token;

    JingleAction(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static JingleAction of(String token) {
        for (JingleAction a : values()) {
            if (a.token.equals(token)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action must be one of " + Tokens.list(values(), JingleAction::token)
                + ", found \"" + token + "\"");
    }
}
