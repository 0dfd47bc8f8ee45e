package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.SctpMap;

/**
 * One Jingle content on its way to a media section, as the {@link MappingTable} rows see it. {@link #payload} is
 * the payload type being written while the walker is in the per-payload block.
 */
final class ContentWriting {
    final Content content;
    final String mid;
    final RtpDescription description;
    final IceUdpTransport transport;
    final Role writer;
    final boolean offer;
    final List<MappingNote> notes;
    final String where;
    /** The data channel's XEP-0343 {@code <sctpmap>}, when the transport has one. */
    final Optional<SctpMap> sctpmap;
    final boolean data;
    PayloadType payload;

    ContentWriting(Content content, String mid, RtpDescription description, IceUdpTransport transport, Role writer,
                   List<MappingNote> notes, Optional<SctpMap> sctpmap, boolean data) {
        this.content = content;
        this.mid = mid;
        this.description = description;
        this.transport = transport;
        this.writer = writer;
        this.offer = writer == Role.INITIATOR;
        this.notes = notes;
        this.where = "content \"" + content.name() + "\"";
        this.sctpmap = sctpmap;
        this.data = data;
    }

    /** An RFC 8866 §9 token bound for the SDP, or a {@link TranslationException} naming the content. */
    String token(String value, String field) {
        return JingleToSdp.token(value, field, where);
    }
}
