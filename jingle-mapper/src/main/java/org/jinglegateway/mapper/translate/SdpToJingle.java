package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.AttributeViews;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.TypedSdp;

/**
 * An SDP offer or answer to a Jingle action: offer -> session-initiate, answer -> session-accept (or any action
 * the caller names). Each section's attributes are read in one pass, each by its {@link MappingTable} row; what has
 * no row is left out with a DROPPED note, and defaults applied are DEFAULTED notes. docs/mapping.md records each
 * decision.
 */
public final class SdpToJingle {
    /**
     * What the SDP is and who wrote it.
     *
     * @param action    the Jingle action to produce
     * @param sid       the Jingle session id
     * @param writer    who wrote the SDP: the initiator for an offer, the responder for an answer
     * @param initiator the initiator's full JID, when it goes into the element
     * @param responder the responder's full JID, when it goes into the element
     */
    public record Request(JingleAction action, String sid, Role writer, Optional<String> initiator,
                          Optional<String> responder) {
        /** An offer from the initiator as session-initiate. */
        public static Request offer(String sid) {
            return new Request(JingleAction.SESSION_INITIATE, sid, Role.INITIATOR, Optional.empty(),
                    Optional.empty());
        }

        /** An answer from the responder as session-accept. */
        public static Request answer(String sid) {
            return new Request(JingleAction.SESSION_ACCEPT, sid, Role.RESPONDER, Optional.empty(),
                    Optional.empty());
        }
    }

    private SdpToJingle() {
    }

    /**
     * SDP text to Jingle XML for a caller that needs only the XML: the same string as
     * {@code JingleWriter.toXml(translate(SdpParser.parseTyped(sdp).value(), request).value())}, and the same
     * exception with the same message for text that fails. A browser's offer or answer goes straight from its lines
     * to the XML ({@link DirectXml}, three to four times as fast: docs/benchmarks.md, rounds 4 and 5); any other
     * SDP takes that model path. The notes are the model path's only: a caller that shows them uses it.
     */
    public static String toXml(String sdp, Request request) {
        String xml = DirectXml.write(sdp, request);
        return xml != null ? xml
                : JingleWriter.toXml(translate(SdpParser.parseTyped(sdp).value(), request).value());
    }

    /** Translates a description, parsing each attribute value it reads (see the typed overload). */
    public static Parsed<Jingle> translate(SessionDescription sdp, Request request) {
        return translate(sdp, null, request);
    }

    /** Translates a description with the typed views its parse already made: no value is parsed again. */
    public static Parsed<Jingle> translate(TypedSdp typed, Request request) {
        return translate(typed.sdp(), typed, request);
    }

    private static Parsed<Jingle> translate(SessionDescription sdp, TypedSdp typed, Request request) {
        List<MappingNote> notes = new ArrayList<>();
        List<ContentGroup> groups = new ArrayList<>();
        List<AttributeRow.SessionDefault<?>> defaults = readSession(sdp.attributes(),
                typed == null ? null : typed.sessionViews(), new SectionReading("session", request.writer(), notes),
                ContentDraft.session(groups));
        Set<String> mids = new HashSet<>();
        for (MediaDescription m : sdp.media()) {
            if (m.mid().isPresent() && !mids.add(m.mid().get())) {
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "a=mid:" + m.mid().get(),
                        "a mid must be unique in a description (RFC 8843 §7.2.1)");
            }
        }
        Creator creator = request.action() == JingleAction.CONTENT_ADD ? request.writer().creator()
                : Creator.INITIATOR;
        List<Content> contents = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            String name = m.mid().orElse(String.valueOf(i));
            for (int n = 1; m.mid().isEmpty() && mids.contains(name); n++) {
                name = i + "-" + n;
            }
            if (m.mid().isEmpty()) {
                mids.add(name);
                notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, "m-line " + i, "no a=mid: content named \""
                        + name + "\" after its index"));
            }
            if (m.port() == 0 && !m.has("bundle-only")) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, "content \"" + name + "\"",
                        "m-line rejected with port 0 (RFC 8866 §5.14): no content"));
                continue;
            }
            String where = "content \"" + name + "\"";
            try {
                SectionReading section = new SectionReading(where, request.writer(), notes);
                ContentDraft content = new ContentDraft(m.formats(), groups);
                readMedia(m.attributes(), typed == null ? null : typed.mediaViews().get(i),
                        m.protocol().contains("SCTP"), section, content,
                        defaults);
                contents.add(content.build(m, name, creator, section));
            } catch (IllegalArgumentException e) {
                // a value the SDP parser let through but Jingle cannot carry (e.g. an empty a=max-message-size)
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, e.getMessage());
            }
        }
        for (org.jinglegateway.mapper.sdp.Bandwidth b : sdp.bandwidths()) {
            notes.add(new MappingNote(MappingNote.Kind.DROPPED, "session", "b=" + b.type() + " at session level has"
                    + " no Jingle counterpart (XEP-0167 <bandwidth> belongs to one description)"));
        }
        Jingle jingle = new Jingle(request.action(), request.sid(), request.initiator(), request.responder(),
                contents, groups, Optional.empty(), List.of());
        return new Parsed<>(jingle, notes);
    }

    /**
     * One pass over the session-level attributes, each to its table row with its typed view (made here when the
     * parser's are not at hand), or dropped with a note. A row that stands only at session level adds its value
     * to the session ({@code a=group}); one that may stand at media level too gives each media section its default.
     */
    private static List<AttributeRow.SessionDefault<?>> readSession(List<Attribute> attributes, List<Object> views,
                                                                    SectionReading section, ContentDraft session) {
        List<AttributeRow.SessionDefault<?>> defaults = new ArrayList<>();
        long read = 0;
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            int index = MappingTable.reader(a.name(), AttributeRow.Level.SESSION);
            if (index < 0) {
                section.dropped(a.name());
                continue;
            }
            AttributeRow<?> row = MappingTable.ROWS.get(index);
            long bit = 1L << index;
            if (row.count() == AttributeRow.Count.FIRST && (read & bit) != 0) {
                continue;
            }
            Object view = views == null ? AttributeViews.view(a) : views.get(i);
            boolean took;
            if (row.levels().contains(AttributeRow.Level.MEDIA)) {
                AttributeRow.SessionDefault<?> d = row.readDefault(section, a, view, index);
                took = d != null && defaults.add(d);
            } else {
                took = row.take(section, a, view, session);
            }
            read |= took ? bit : 0;
        }
        return defaults;
    }

    /**
     * One pass over a media section's attributes into its content, as {@link #readSession}; then the session-level
     * defaults of the rows the section has no value of its own for.
     */
    private static void readMedia(List<Attribute> attributes, List<Object> views, boolean data,
                                  SectionReading section, ContentDraft content,
                                  List<AttributeRow.SessionDefault<?>> defaults) {
        long read = 0;
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            int index = MappingTable.reader(a.name(), AttributeRow.Level.MEDIA);
            if (index < 0) {
                section.dropped(a.name());
                continue;
            }
            AttributeRow<?> row = MappingTable.ROWS.get(index);
            // a row for the other kind of m-line (a=sctp-port on RTP, a=ssrc on SCTP) has nothing to fill, and
            // JingleToSdp would never write it back: dropped with its note
            if (!row.media().covers(data)) {
                section.dropped(a.name());
                continue;
            }
            long bit = 1L << index;
            if (row.count() == AttributeRow.Count.FIRST && (read & bit) != 0) {
                continue;
            }
            if (row.take(section, a, views == null ? AttributeViews.view(a) : views.get(i), content)) {
                read |= bit;
            }
        }
        for (int i = 0; i < defaults.size(); i++) {
            AttributeRow.SessionDefault<?> d = defaults.get(i);
            if ((read & 1L << d.index()) == 0) {
                d.applyTo(content);
            }
        }
    }

    /**
     * A candidate as it goes to a Jingle peer. Its transport is written in lower case (Firefox writes {@code UDP};
     * XEP-0176 §5.3 and every client in our fixtures use {@code udp}). libwebrtc's {@code ufrag} extension is left
     * out: XEP-0176 carries the ufrag on the {@code <transport/>}, which the caller fills, and no Jingle client reads
     * it from a {@code <candidate/>} (StanzaJS, Conversations, Dino and Jicofo take the transport's). Other
     * extensions travel as extra {@code <candidate/>} attributes (lossless); one whose name is not an XML name
     * cannot, and is dropped with a note.
     */
    static IceCandidate forJingle(IceCandidate c, List<MappingNote> notes, String where) {
        IceCandidate lower = lowerCaseTransport(c);
        if (lower.extensions().stream().allMatch(SdpToJingle::carriable)) {
            return lower;
        }
        List<org.jinglegateway.mapper.candidate.ExtensionPair> kept = new ArrayList<>();
        for (org.jinglegateway.mapper.candidate.ExtensionPair x : lower.extensions()) {
            if (carriable(x)) {
                kept.add(x);
            } else if (!UFRAG.equals(x.name())) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "candidate extension \"" + x.name()
                        + "\" is not an XML name or is an XEP-0176 attribute's, so no <candidate/> attribute can"
                        + " carry it"));
            }
        }
        return lower.withExtensions(kept);
    }

    /** libwebrtc's candidate extension naming the ICE ufrag (XEP-0176 has it on the transport). */
    static final String UFRAG = "ufrag";

    /** The value of a candidate's {@code ufrag} extension, if it has one. */
    static Optional<String> ufragOf(IceCandidate c) {
        for (org.jinglegateway.mapper.candidate.ExtensionPair x : c.extensions()) {
            if (UFRAG.equals(x.name())) {
                return Optional.of(x.value());
            }
        }
        return Optional.empty();
    }

    private static IceCandidate lowerCaseTransport(IceCandidate c) {
        String token = c.transport().token();
        String lower = token.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals(token)) {
            return c;
        }
        return new IceCandidate(c.foundation(), c.component(),
                org.jinglegateway.mapper.candidate.CandidateTransport.of(lower), c.priority(), c.address(), c.port(),
                c.type(), c.related(), c.tcpType(), c.generation(), c.network(), c.id(), c.extensions());
    }

    private static boolean carriable(org.jinglegateway.mapper.candidate.ExtensionPair x) {
        return !UFRAG.equals(x.name()) && isXmlName(x.name()) && !IceCandidate.XML_ATTRIBUTES.contains(x.name());
    }

    /** {@code [A-Za-z_][A-Za-z0-9._-]*}: the ASCII XML names an extra {@code <candidate/>} attribute may take. */
    private static boolean isXmlName(String name) {
        // the JDK's StAX readers refuse longer names (jdk.xml.maxXMLNameLimit), so ours could not read it back
        if (name.isEmpty() || name.length() > 1000) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }
}
