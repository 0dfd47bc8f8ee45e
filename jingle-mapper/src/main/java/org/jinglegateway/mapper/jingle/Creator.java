package org.jinglegateway.mapper.jingle;

/** {@code creator} of a content (XEP-0166 §7.3). */
public enum Creator {
    INITIATOR("initiator"), RESPONDER("responder");

    private final String token;

    Creator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Creator of(String token) {
        for (Creator c : values()) {
            if (c.token.equals(token)) {
                return c;
            }
        }
        throw new IllegalArgumentException("creator must be one of initiator, responder, found \"" + token + "\"");
    }
}
