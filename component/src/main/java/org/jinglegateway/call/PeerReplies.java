package org.jinglegateway.call;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;

/** What a call does when the peer answers a Jingle set we sent (XEP-0166 §7.2: every set gets one reply). */
final class PeerReplies {
    private static final Logger log = LoggerFactory.getLogger(PeerReplies.class);

    private final Outbox out;
    private final Endings endings;
    private final IceRestarts restarts;

    PeerReplies(Outbox out, Endings endings, IceRestarts restarts) {
        this.out = out;
        this.endings = endings;
        this.restarts = restarts;
    }

    /** The reply to the set filed under {@code action}. */
    void reply(Call call, String action, IQ response) {
        if (call.ended()) {
            return;
        }
        if (response.getType() == IQ.Type.result) {
            if (Outbox.ICE_RESTART.equals(action)) {
                // the peer has the browser's restart: a restart-shaped transport-info from it now is the answer
                restarts.peerAcknowledged(call);
            }
            if ("session-initiate".equals(action)) {
                out.peerReady(call);
            }
            return;
        }
        String condition = Stanzas.condition(response);
        switch (action) {
            case "session-initiate" -> {
                if (isTieBreak(response)) {
                    endings.lostTieBreak(call);
                } else {
                    Outbox.hangup(call, "failed-application", Optional.of(call.peerOrBare() + " refused the call: "
                            + condition));
                    endings.end(call, "failed-application");
                }
            }
            case "session-accept" -> endings.terminateBoth(call, "failed-application",
                    Optional.of(call.peerOrBare() + " refused the answer: " + condition));
            case Outbox.ICE_RESTART -> {
                if (isTieBreak(response)) {
                    restarts.lostGlare(call, condition);
                } else {
                    log.warn("xmpp.ice-restart refused by peer: {}", condition);
                }
            }
            default -> log.warn("xmpp.{} refused by peer: {}", action, condition);
        }
    }

    private static boolean isTieBreak(IQ response) {
        return response.getError() != null && "tie-break".equals(response.getError().getApplicationConditionName());
    }
}
