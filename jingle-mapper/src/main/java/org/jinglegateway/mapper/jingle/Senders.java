package org.jinglegateway.mapper.jingle;

/** {@code senders} of a content (XEP-0166 §7.3) or a header extension (XEP-0294); default both. */
public enum Senders {
    BOTH("both"), INITIATOR("initiator"), RESPONDER("responder"), NONE("none");

    private final String token;

    Senders(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Senders of(String token) {
        for (Senders s : values()) {
            if (s.token.equals(token)) {
                return s;
            }
        }
        throw new IllegalArgumentException("senders must be one of both, initiator, responder, none, found \""
                + token + "\"");
    }
}
