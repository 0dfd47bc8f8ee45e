package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;
import org.jinglegateway.mapper.jingle.RawXml;

/**
 * Trickle ICE: one RTCIceCandidateInit <-> a transport-info (XEP-0176 §6). XEP-0176 cannot say "end of
 * candidates": we never send one to a Jingle peer, and read StanzaJS's {@code <gathering-complete/>} as one.
 */
public final class CandidateTranslator {
    private CandidateTranslator() {
    }

    /**
     * A browser's candidate as a transport-info with one content and one candidate.
     *
     * @param init    the candidate; its sdpMid names the content
     * @param sid     the Jingle session id
     * @param creator the creator of the content it belongs to
     * @param id      the XEP-0176 candidate id to give it (ids are the caller's: the mapper has no randomness)
     * @return the transport-info with notes on what was left out, or empty for the end-of-candidates marker, which
     *     XEP-0176 cannot carry
     */
    public static Optional<Parsed<Jingle>> toTransportInfo(CandidateInit init, String sid, Creator creator,
                                                           String id) throws TranslationException {
        if (init.endOfCandidates()) {
            return Optional.empty();
        }
        List<MappingNote> notes = new ArrayList<>();
        String mid = init.sdpMid().orElseThrow(() -> new TranslationException(TranslationException.Kind.MISSING,
                "candidate", "sdpMid is required: it names the Jingle content"));
        try {
            // both become Jingle attributes (content@name, transport@ufrag): nothing XML forbids in either, and
            // the ufrag checked as a=ice-ufrag is; the call layer refuses an sdpMid that names no media section
            Checks.xmlSafe(mid, "sdpMid");
            init.usernameFragment().ifPresent(u -> Checks.field(u, "usernameFragment"));
        } catch (IllegalArgumentException e) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "candidate", e.getMessage());
        }
        IceCandidate candidate;
        Optional<String> ufrag;
        try {
            IceCandidate parsed = CandidateParser.parseInitString(init.candidate());
            // the candidate string's ufrag extension (libwebrtc) names the transport's ufrag when the init has none
            ufrag = init.usernameFragment().or(() -> SdpToJingle.ufragOf(parsed));
            ufrag.ifPresent(u -> Checks.field(u, "ufrag"));
            candidate = SdpToJingle.forJingle(parsed, notes, "candidate for mid \"" + mid + "\"")
                    .withId(Optional.of(Checks.field(id, "candidate id")));
        } catch (IllegalArgumentException e) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "candidate for mid \"" + mid
                    + "\"", e.getMessage());
        }
        IceUdpTransport transport = IceUdpTransport.empty().withIce(ufrag, Optional.empty(),
                List.of(candidate));
        Content content = Content.of(creator, mid).withTransport(Optional.of(transport));
        return Optional.of(new Parsed<>(Jingle.of(JingleAction.TRANSPORT_INFO, sid).withContents(List.of(content)),
                notes));
    }

    /**
     * The candidates of a transport-info, as RTCIceCandidateInit values; a StanzaJS {@code <gathering-complete/>}
     * becomes {@code candidate: ""}.
     *
     * @param mids content name -> m-line index, when the caller knows the session's order
     */
    public static List<CandidateInit> fromTransportInfo(Jingle jingle, java.util.Map<String, Integer> mids) {
        List<CandidateInit> out = new ArrayList<>();
        for (Content c : jingle.contents()) {
            if (c.transport().isEmpty()) {
                continue;
            }
            IceUdpTransport t = c.transport().get();
            Integer index = mids.get(c.name());
            OptionalInt mline = index == null ? OptionalInt.empty() : OptionalInt.of(index);
            for (IceCandidate candidate : t.candidates()) {
                out.add(new CandidateInit(CandidateWriter.initString(candidate), Optional.of(c.name()), mline,
                        t.ufrag()));
            }
            for (RawXml x : t.extra()) {
                if (Tag.GATHERING_COMPLETE.startsOf(x.xml())) {
                    out.add(new CandidateInit("", Optional.of(c.name()), mline, t.ufrag()));
                }
            }
        }
        return out;
    }
}
