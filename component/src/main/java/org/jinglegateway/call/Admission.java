package org.jinglegateway.call;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.RawXml;

/**
 * Whether a session-initiate can reach a browser at all. A browser speaks only ICE with DTLS-SRTP (RFC 8827 §6.5),
 * so a call is refused at once, with the XEP-0166 reason and a text that says why, when a content is not RTP or a
 * data channel, its transport is not ICE-UDP, or no DTLS fingerprint is offered (SDES-only clients: Pidgin, Psi).
 */
final class Admission {
    private Admission() {
    }

    /** Why a session-initiate cannot reach a browser: the XEP-0166 §7.4 reason and a text for the peer. */
    record Refusal(String reason, String text) {
        Refusal {
            if (!Reasons.isReason(reason)) {
                throw new IllegalArgumentException("\"" + reason + "\" is not an XEP-0166 reason");
            }
            Objects.requireNonNull(text, "text");
        }
    }

    /** Empty when the call may go on; else why not. */
    static Optional<Refusal> check(Jingle initiate) {
        if (initiate.contents().isEmpty()) {
            return Optional.of(new Refusal("failed-application", "the session-initiate has no content"));
        }
        for (Content c : initiate.contents()) {
            boolean data = c.transport().map(t -> t.sctpmap().isPresent())
                    .orElse(false);
            if (c.description().isEmpty() && !data) {
                return Optional.of(new Refusal("unsupported-applications", "content \"" + c.name() + "\": only RTP"
                        + " audio/video (XEP-0167) and data channels can reach a browser" + foreign(c, "description")));
            }
            if (c.transport().isEmpty()) {
                return Optional.of(new Refusal("unsupported-transports", "content \"" + c.name() + "\": only ICE-UDP"
                        + " (XEP-0176) can reach a browser" + foreign(c, "transport")));
            }
        }
        return withoutDtls(initiate);
    }

    /**
     * A security-error refusal when no transport of the action carries a DTLS fingerprint (XEP-0320): checked on every
     * action that brings transports, session-initiate, session-accept, content-add and transport-replace alike, since
     * such a description would reach the browser without one.
     */
    static Optional<Refusal> withoutDtls(Jingle jingle) {
        for (Content c : jingle.contents()) {
            if (c.transport().map(t -> !t.fingerprints().isEmpty()).orElse(false)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Refusal("security-error", "no DTLS fingerprint (XEP-0320) in the "
                + jingle.action().token() + ": browsers only take DTLS-SRTP, so an SDES-only or unencrypted call"
                + " cannot reach them"));
    }

    private static String foreign(Content c, String element) {
        for (RawXml x : c.extra()) {
            int ns = x.xml().indexOf("xmlns=");
            if (x.xml().startsWith("<" + element) && ns > 0) {
                int end = x.xml().indexOf(x.xml().charAt(ns + 6), ns + 7);
                return end > 0 ? "; found " + x.xml().substring(ns + 7, end) : "";
            }
        }
        return "";
    }
}
