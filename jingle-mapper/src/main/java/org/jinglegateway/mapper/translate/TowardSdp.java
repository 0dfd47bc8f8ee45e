package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleNames;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Setup;

/**
 * The {@link MappingTable} rows' functions toward SDP that do not fit on a line: each writes its row's lines for one
 * content (or the session), checking every token bound for the SDP.
 */
final class TowardSdp {
    private TowardSdp() {
    }

    /**
     * XEP-0338 groups as a=group lines, content names as their mids. A Jingle without a group (Dino) has one transport
     * per content, each with its own ufrag, pwd and candidates: its SDP has no BUNDLE group either, so the browser
     * gives each m-line its own transport (RFC 8843 §7.3.2 for an answer). docs/calls.md says what pages with
     * bundlePolicy max-bundle get from such peers.
     */
    static void writeGroups(SessionWriting w, List<Attribute> out) {
        Jingle jingle = w.jingle();
        for (ContentGroup g : jingle.groups()) {
            StringBuilder mids = new StringBuilder();
            for (String name : g.contents()) {
                int index = indexOf(jingle, name);
                mids.append(' ').append(index >= 0 ? w.mids().get(index) : JingleToSdp.token(name,
                        "group content", "session"));
            }
            out.add(Attribute.of("group", JingleToSdp.token(g.semantics(), "group semantics", "session") + mids));
        }
        if (jingle.groups().isEmpty() && jingle.contents().size() > 1) {
            w.notes().add(new MappingNote(MappingNote.Kind.DEFAULTED, "session",
                    "no XEP-0338 group: each content keeps its own transport (no a=group:BUNDLE)"));
        }
    }

    private static int indexOf(Jingle jingle, String name) {
        for (int i = 0; i < jingle.contents().size(); i++) {
            if (jingle.contents().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static void writeFingerprints(ContentWriting w, List<Attribute> out) {
        for (Fingerprint f : w.transport.fingerprints()) {
            out.add(Attribute.of("fingerprint", w.token(f.hash(), "fingerprint hash") + " "
                    + Checks.field(f.value(), "fingerprint")));
        }
    }

    /** The fingerprint's setup; defaults and the never-actpass-in-an-answer rule as in {@link SdpToJingle}. */
    static void writeSetup(ContentWriting w, List<Attribute> out) {
        if (w.transport.fingerprints().isEmpty()) {
            return;
        }
        Optional<String> token = Optional.empty();
        for (Fingerprint f : w.transport.fingerprints()) {
            token = token.or(f::setup);
        }
        Setup setup = settleSetup(token.map(Setup::of), w.offer, "no setup on the fingerprint",
                "XEP-0320 §3, RFC 8842 §5", w.where, w.notes);
        out.add(Attribute.of("setup", setup.token()));
    }

    /**
     * XEP-0167 puts ptime and maxptime on each payload type, SDP has one per media section: the first payload
     * type's value is written, with a note when the others disagree.
     */
    static void firstOfPayloads(ContentWriting w, List<Attribute> out, String name,
                                        java.util.function.Function<PayloadType, OptionalInt> value) {
        OptionalInt first = OptionalInt.empty();
        boolean differ = false;
        for (PayloadType p : w.description.payloadTypes()) {
            OptionalInt v = value.apply(p);
            if (v.isPresent() && first.isEmpty()) {
                first = v;
            } else if (v.isPresent() && v.getAsInt() != first.getAsInt()) {
                differ = true;
            }
        }
        if (first.isPresent()) {
            out.add(Attribute.of(name, String.valueOf(first.getAsInt())));
            if (differ) {
                w.notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, w.where, "payload types have different "
                        + name + " values and SDP has one per media section: a=" + name + ":" + first.getAsInt()));
            }
        }
    }

    /**
     * The DTLS role both directions agree on: a missing one is the RFC 8842 §5 default (actpass in offers, active in
     * answers), and an answer is never actpass (§5.3). Each change is a note.
     */
    static Setup settleSetup(Optional<Setup> given, boolean offer, String missing, String spec, String where,
                             List<MappingNote> notes) {
        if (given.isEmpty()) {
            Setup setup = offer ? Setup.ACTPASS : Setup.ACTIVE;
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, where, missing + ": " + setup.token() + " (" + spec
                    + " default for " + (offer ? "offers" : "answers") + ")"));
            return setup;
        }
        Setup setup = given.get();
        if (!offer && setup == Setup.ACTPASS) {
            notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, where,
                    "an answer may not be actpass (RFC 8842 §5.3): active"));
            return Setup.ACTIVE;
        }
        return setup;
    }

    static void writeExtmaps(ContentWriting w, List<Attribute> out) {
        for (HeaderExtension h : w.description.headerExtensions()) {
            if (!h.parameters().isEmpty()) {
                w.notes.add(new MappingNote(MappingNote.Kind.DROPPED, w.where, "rtp-hdrext " + h.id()
                        + " parameters have no a=extmap counterpart"));
            }
            Optional<Direction> dir = h.senders().filter(s -> s != Senders.BOTH)
                    .map(s -> SendersTable.direction(w.writer, s));
            out.add(Attribute.of("extmap", new ExtMap(h.id(), dir, Checks.field(h.uri(), "rtp-hdrext uri"),
                    Optional.empty()).toValue()));
        }
    }

    /** A source with parameters but no msid among them (a=msid will speak for it too). */
    private static boolean someSourceLacksMsid(List<Source> sources) {
        for (Source o : sources) {
            if (o.parameters().isEmpty()) {
                continue;
            }
            boolean has = false;
            for (Parameter x : o.parameters()) {
                has |= x.name().equals(JingleNames.SOURCE_MSID);
            }
            if (!has) {
                return true;
            }
        }
        return false;
    }

    /** RFC 8830 §2: msid-id [SP msid-appdata], each 1-64 token characters, from the first source that has one. */
    static void writeMsid(ContentWriting w, List<Attribute> out) {
        for (Source s : w.description.sources()) {
            for (Parameter p : s.parameters()) {
                if (p.name().equals(JingleNames.SOURCE_MSID) && p.value().isPresent()) {
                    out.add(Attribute.of("msid", msid(p.value().get(), w)));
                    if (someSourceLacksMsid(w.description.sources())) {
                        w.notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, w.where, "a=msid holds for every"
                                + " SSRC of the m-line (RFC 8830 §2), also for the sources that had no msid"));
                    }
                    return;
                }
            }
        }
    }

    static String msid(String value, ContentWriting w) {
        String[] parts = value.strip().split(" ");
        if (parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 64
                || (parts.length == 2 && parts[1].length() > 64)) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, w.where,
                    "msid must be <stream id> [<track id>], each 1-64 characters, found " + Checks.quote(value));
        }
        for (String part : parts) {
            w.token(part, "msid");
        }
        return String.join(" ", parts);
    }

    /** At media level the {@code *} lines of the description; per payload type that payload's own. */
    static void writeRtcpFb(ContentWriting w, List<Attribute> out) {
        PayloadType p = w.payload;
        String prefix = p == null ? "* " : p.id() + " ";
        for (RtcpFeedback f : p == null ? w.description.feedback() : p.feedback()) {
            String type = w.token(f.type(), "rtcp-fb type");
            out.add(Attribute.of("rtcp-fb", f.subtype().isEmpty() ? prefix + type
                    : prefix + type + " " + Checks.lineSafe(f.subtype().get(), "rtcp-fb subtype")));
        }
        OptionalInt trrInt = p == null ? w.description.trrInt() : p.trrInt();
        if (trrInt.isPresent()) {
            out.add(Attribute.of("rtcp-fb", prefix + "trr-int " + trrInt.getAsInt()));
        }
    }

}
