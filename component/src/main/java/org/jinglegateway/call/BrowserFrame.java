package org.jinglegateway.call;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.xmpp.packet.JID;

/**
 * A browser-to-gateway frame of docs/protocol.md, decoded and checked once by {@link BrowserFrameDecoder}: what the
 * call layer gets is typed, and every field it reads has been found present and well-formed.
 */
public sealed interface BrowserFrame extends Decoded {
    FrameType type();

    /**
     * {@code register}: {@code user} is already the nodeprep'd local part (RFC 7622 §3.3); {@code resume}, when
     * present, is a checked resume token (docs/protocol.md §8).
     */
    record Register(String user, Optional<String> token, Optional<String> resume) implements BrowserFrame {
        public Register {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(resume, "resume");
        }

        @Override
        public FrameType type() {
            return FrameType.REGISTER;
        }
    }

    /** {@code ping}, answered by {@code pong}. */
    record Ping() implements BrowserFrame {
        @Override
        public FrameType type() {
            return FrameType.PING;
        }
    }

    /** A frame about one call, named by the browser's {@code callId}. */
    sealed interface ForCall extends BrowserFrame {
        String callId();
    }

    /** {@code call}: place a call to a bare or full JID with the browser's offer. */
    record PlaceCall(String callId, JID to, String sdp) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.CALL;
        }
    }

    /** {@code accept}: answer a {@code ring}. */
    record Accept(String callId) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.ACCEPT;
        }
    }

    /** {@code reject}: decline a {@code ring}. */
    record Reject(String callId) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.REJECT;
        }
    }

    /** {@code answer}: the browser's answer to an {@code offer}. */
    record Answer(String callId, String sdp) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.ANSWER;
        }
    }

    /** {@code offer}: a renegotiation of an active call (an ICE restart). */
    record Offer(String callId, String sdp) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.OFFER;
        }
    }

    /** {@code candidate}: one trickled RTCIceCandidateInit ({@code candidate: ""} ends them). */
    record Candidate(String callId, CandidateInit candidate) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.CANDIDATE;
        }
    }

    /** {@code hangup}: {@code reason} is an XEP-0166 §7.4 reason (checked). */
    record Hangup(String callId, String reason, Optional<String> text) implements ForCall {
        @Override
        public FrameType type() {
            return FrameType.HANGUP;
        }
    }
}
