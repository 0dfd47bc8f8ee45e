package org.jinglegateway.call;

import java.util.List;

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
}
