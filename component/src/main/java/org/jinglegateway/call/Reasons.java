package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.jingle.Reason;

/** The XEP-0166 §7.4 reason conditions: what a hangup may carry, in frames and in session-terminate. */
public final class Reasons {
    public static final List<String> ALL = List.of("alternative-session", "busy", "cancel", "connectivity-error",
            "decline", "expired", "failed-application", "failed-transport", "general-error", "gone",
            "incompatible-parameters", "media-error", "security-error", "success", "timeout",
            "unsupported-applications", "unsupported-transports");

    private Reasons() {
    }

    public static boolean isReason(String name) {
        return ALL.contains(name);
    }

    /**
     * A peer's reason as the browser and the metrics may see it: its XEP-0166 condition, or {@code general-error}
     * for a condition XEP-0166 does not define (a peer must not choose our frame values or metric labels).
     */
    public static String of(Optional<Reason> reason, String absent) {
        return reason.map(Reason::condition).map(c -> isReason(c) ? c : "general-error").orElse(absent);
    }
}
