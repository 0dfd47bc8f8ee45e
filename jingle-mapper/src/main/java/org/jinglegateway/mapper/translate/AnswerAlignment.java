package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Connection;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SessionDescription;

/**
 * Fits a translated answer to the offer it answers. RFC 3264 §6: an answer has exactly one m-line per offered
 * m-line, in the same order, and rejects one with port 0; a Jingle session-accept simply leaves out the contents the
 * responder does not take (a Conversations user answering a browser's data channel, say). Without this a browser
 * refuses the whole answer. Contents are matched to m-lines by mid.
 */
public final class AnswerAlignment {
    private AnswerAlignment() {
    }

    /**
     * The answer with a rejected (port 0) m-line for every offered one it lacks, m-lines in the offer's order, answer
     * m-lines the offer does not have left out, and BUNDLE groups reduced to the accepted mids.
     */
    public static Parsed<SessionDescription> toOffer(SessionDescription answer, SessionDescription offer) {
        List<MappingNote> notes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription offered = offer.media().get(i);
            String mid = offered.mid().orElse(String.valueOf(i));
            Optional<MediaDescription> answered = answer.media().stream()
                    .filter(m -> m.mid().map(mid::equals).orElse(false)).findFirst();
            if (answered.isPresent()) {
                media.add(answered.get());
                if (answered.get().port() != 0 || answered.get().has("bundle-only")) {
                    accepted.add(mid);
                }
                continue;
            }
            media.add(MediaDescription.of(offered.media(), 0, offered.protocol(), offered.formats())
                    .withConnection(Optional.of(new Connection("IN", "IP4", "0.0.0.0")))
                    .withAttributes(List.of(Attribute.of("mid", mid))));
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, "m-line " + i, "the answer has no content for mid \""
                    + mid + "\": rejected with port 0 (RFC 3264 §6)"));
        }
        for (MediaDescription m : answer.media()) {
            String mid = m.mid().orElse("");
            if (offer.media().stream().noneMatch(o -> o.mid().map(mid::equals).orElse(false))) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, "content \"" + mid + "\"",
                        "not in the offer: an answer cannot add media (RFC 3264 §6)"));
            }
        }
        List<Attribute> session = new ArrayList<>();
        for (Attribute a : answer.attributes()) {
            if (!"group".equals(a.name())) {
                session.add(a);
                continue;
            }
            Group g = Group.parse(a.valueOrEmpty());
            List<String> kept = g.mids().stream().filter(accepted::contains).toList();
            if (!kept.isEmpty()) {
                session.add(Attribute.of("group", new Group(g.semantics(), kept).toValue()));
            }
        }
        return new Parsed<>(answer.withMedia(media).withAttributes(session), notes);
    }
}
