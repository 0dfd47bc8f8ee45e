package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Set;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.sdp.Attribute;

/**
 * One row of the mapping table (STYLE.md §4): the SDP attribute(s), the Jingle element or attribute they pair
 * with, the specs, the levels where the attribute may stand, and the two functions that carry it across. Rows are
 * data; {@link SdpToJingle} and {@link JingleToSdp} walk {@link MappingTable} and contain no per-attribute code.
 *
 * @param id      the row's name in docs/mapping.md, and the prefix of its focused test ({@code fmtp_...})
 * @param names   the SDP attribute names the row reads (several for one concept, e.g. the four directions)
 * @param jingle  the Jingle element or attribute, as docs/mapping.md writes it
 * @param spec    RFC and XEP sections
 * @param levels  where the SDP attribute is read: session level, media level or both
 * @param media   the m-lines the row writes to: RTP, data channel or both
 * @param toJingle reads one attribute, with its typed view ({@link org.jinglegateway.mapper.sdp.AttributeViews}),
 *                 into the section being read
 * @param toSdp   writes this row's attributes for one content, or for one payload type when the row stands in
 *                {@link MappingTable#PER_PAYLOAD}
 */
record AttributeRow(String id, List<String> names, String jingle, String spec, Set<Level> levels, Media media,
                    ToJingle toJingle, ToSdp toSdp) {
    AttributeRow {
        Checks.token(id, "row id");
        names = List.copyOf(names);
        levels = Set.copyOf(levels);
    }

    /** Where an attribute stands, and where a row writes. */
    enum Level {
        /** Above the first m= line. */
        SESSION,
        /** In a media section. */
        MEDIA
    }

    /** Which m-lines a row writes to. */
    enum Media {
        RTP, DATA, ANY;

        boolean covers(boolean data) {
            return this == ANY || (this == DATA) == data;
        }
    }

    /** SDP value to Jingle: stores the typed value in the section being read. */
    @FunctionalInterface
    interface ToJingle {
        void read(SectionReading section, Attribute attribute, Object view);
    }

    /** Jingle to SDP: appends this row's lines for the content being written. */
    @FunctionalInterface
    interface ToSdp {
        void write(ContentWriting content, List<Attribute> out);
    }
}
