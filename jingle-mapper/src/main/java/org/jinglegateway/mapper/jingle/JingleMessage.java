package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An XEP-0353 (0.8) Jingle Message Initiation payload, carried in a {@code <message>}:
 * {@code <propose id><description media/>...</propose>}, {@code <ringing id/>}, {@code <proceed id/>},
 * {@code <accept id/>}, {@code <reject id>[<reason/>]}, {@code <retract id>[<reason/>]},
 * {@code <finish id><reason/>[<migrated to/>]}.
 *
 * @param kind       which message
 * @param id         the proposed Jingle session id
 * @param media      propose: the media of each {@code <description>} (audio, video, ...)
 * @param reason     reject, retract, finish: the XEP-0166 reason
 * @param migratedTo finish: the session the call moved to
 * @param extra      children this model does not type (e.g. Conversations' OMEMO device), kept in order
 */
public record JingleMessage(Kind kind, String id, List<String> media, Optional<Reason> reason,
                            Optional<String> migratedTo, List<RawXml> extra) {

    /** The seven XEP-0353 elements. */
    public enum Kind {
        PROPOSE("propose"), RINGING("ringing"), PROCEED("proceed"), ACCEPT("accept"), REJECT("reject"),
        RETRACT("retract"), FINISH("finish");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** The kind for an element name, or empty when it is not one of the seven. */
        public static Optional<Kind> find(String token) {
            for (Kind k : values()) {
                if (k.token.equals(token)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public JingleMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        media = List.copyOf(media);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(migratedTo, "migratedTo");
        extra = List.copyOf(extra);
    }

    /** A message with only a kind and an id (ringing, proceed, accept). */
    public static JingleMessage of(Kind kind, String id) {
        return new JingleMessage(kind, id, List.of(), Optional.empty(), Optional.empty(), List.of());
    }
}
