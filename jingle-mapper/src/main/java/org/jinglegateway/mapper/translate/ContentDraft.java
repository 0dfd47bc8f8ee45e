package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.sdp.MediaDescription;

/**
 * A Jingle content while one SDP section is read into it: the {@link MappingTable} rows add their values to it, to
 * its {@link DescriptionDraft} or to its {@link TransportDraft}, and {@link #build} makes the records. The fields
 * are the Jingle model's, not the SDP attributes': what a row adds is already Jingle.
 */
final class ContentDraft {
    /** XEP-0166 §7.3 senders; both (the default, left out) until a direction row says otherwise. */
    Senders senders = Senders.BOTH;
    final DescriptionDraft description;
    final TransportDraft transport;
    /** The session's XEP-0338 groups, which the session-level group row adds to. */
    final List<ContentGroup> groups;

    /** A content for the m-line's formats. */
    ContentDraft(List<String> formats, List<ContentGroup> groups) {
        this.description = new DescriptionDraft(formats);
        this.transport = new TransportDraft();
        this.groups = groups;
    }

    /** The session level: no content of its own, only the groups. */
    static ContentDraft session(List<ContentGroup> groups) {
        return new ContentDraft(List.of(), groups);
    }

    Content build(MediaDescription m, String name, Creator creator, SectionReading section) {
        // a data channel's description has no payload types (RFC 8841)
        boolean sctp = m.protocol().contains("SCTP");
        RtpDescription d = sctp ? RtpDescription.of(m.media()) : description.build(m, section);
        if (sctp && senders != Senders.BOTH) {
            // RFC 8841 gives a data channel m-line no direction, and JingleToSdp writes none back
            section.notes.add(new MappingNote(MappingNote.Kind.DROPPED, section.where, "a direction other than"
                    + " sendrecv on a data channel m-line (RFC 8841 has no direction there)"));
            senders = Senders.BOTH;
        }
        // one record, not one per withX copy: this runs for every content of every offer
        return new Content(creator, name, Optional.empty(),
                senders == Senders.BOTH ? Optional.empty() : Optional.of(senders), Optional.of(d),
                Optional.of(transport.build(name, section)), List.of(), List.of());
    }
}
