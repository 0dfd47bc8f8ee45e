package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;

/**
 * XEP-0339 ssrc-groups whose members lack a {@code <source>} (StanzaJS's session-accept names its RTX ssrc in an FID
 * group without a source for it). An {@code a=ssrc-group} naming an SSRC with no {@code a=ssrc} line is refused by
 * Chromium ("Failed to add remote stream ssrc"), so each missing member gets the parameters (cname, msid) of a
 * member that has them: RFC 5576 §4.2 groups SSRCs of one source, which share a cname. A group none of whose
 * members has a source is left out with a note. Checked in Chromium and Firefox (the SDP check ITs).
 */
final class SourceGroups {
    private SourceGroups() {
    }

    static RtpDescription complete(RtpDescription d, String where, List<MappingNote> notes) {
        if (d.sourceGroups().isEmpty()) {
            return d;
        }
        // by SSRC, the sources that write an a=ssrc line (those with parameters): one look-up per group member, so a
        // peer's thousands of groups and sources cost linear time
        Map<Long, Source> described = new HashMap<>();
        for (Source s : d.sources()) {
            if (!s.parameters().isEmpty()) {
                described.putIfAbsent(s.ssrc(), s);
            }
        }
        List<Source> added = new ArrayList<>();
        Set<Long> filled = new HashSet<>();
        List<SourceGroup> groups = new ArrayList<>(d.sourceGroups().size());
        for (SourceGroup g : d.sourceGroups()) {
            List<Parameter> shared = null;
            for (long ssrc : g.ssrcs()) {
                Source s = described.get(ssrc);
                if (s != null) {
                    shared = s.parameters();
                    break;
                }
            }
            if (shared == null) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "ssrc-group " + g.semantics() + " names"
                        + " no SSRC that has a <source> with parameters: no a=ssrc line could describe it"));
                continue;
            }
            for (long ssrc : g.ssrcs()) {
                if (!described.containsKey(ssrc)) {
                    Source source = new Source(ssrc, shared, List.of(), List.of());
                    described.put(ssrc, source);
                    added.add(source);
                    filled.add(ssrc);
                    notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, where, "ssrc " + ssrc + " of ssrc-group "
                            + g.semantics() + " has no <source>: given its group's parameters (RFC 5576 §4.2)"));
                }
            }
            groups.add(g);
        }
        // a member's <source> without parameters gives way to the filled one, which comes after the others
        List<Source> sources = new ArrayList<>(d.sources().size() + added.size());
        for (Source s : d.sources()) {
            if (!filled.contains(s.ssrc())) {
                sources.add(s);
            }
        }
        sources.addAll(added);
        return new RtpDescription(d.media(), d.ssrc(), d.payloadTypes(), d.bandwidths(), d.rtcpMux(), d.feedback(),
                d.trrInt(), d.headerExtensions(), d.extmapAllowMixed(), sources, groups, d.attributes(), d.extra());
    }
}
