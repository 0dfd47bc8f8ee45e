package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.sdp.Attribute;

/**
 * One row of the mapping table (STYLE.md §4): the SDP attribute(s), the Jingle element or attribute they pair
 * with, the specs, the levels where the attribute may stand, and the functions that carry it across. Toward Jingle
 * a row reads one attribute into its typed value {@code V} and adds that value to the part of the content it
 * belongs to (content, description, payload type or transport, see {@link ContentDraft}); toward SDP it writes its
 * lines for one content. Rows are data; {@link SdpToJingle} and {@link JingleToSdp} walk {@link MappingTable} and
 * contain no per-attribute code.
 *
 * @param id       the row's name in docs/mapping.md, and the prefix of its focused test ({@code fmtp_...})
 * @param names    the SDP attribute names the row reads (several for one concept, e.g. the four directions)
 * @param jingle   the Jingle element or attribute, as docs/mapping.md writes it
 * @param spec     RFC and XEP sections
 * @param levels   where the SDP attribute is read: session level, media level or both. A row read at both levels
 *                 takes a session-level value as the default of every media section that has none of its own
 * @param media    the m-lines the row writes to: RTP, data channel or both
 * @param count    whether every line counts or only the first with a value (single-valued attributes, as RFC 8866
 *                 readers do)
 * @param read     one attribute, with its typed view ({@link org.jinglegateway.mapper.sdp.AttributeViews}), to the
 *                 row's value; null when there is nothing to carry (an ignored or dropped attribute)
 * @param into     adds a value to the content being built
 * @param toSdp    writes this row's attributes for one content, or for one payload type when the row stands in
 *                 {@link MappingTable#PER_PAYLOAD}
 * @param toSession writes this row's session-level attributes (rows in {@link MappingTable#SESSION_LEVEL})
 * @param <V>      the typed value the row carries
 */
record AttributeRow<V>(String id, List<String> names, String jingle, String spec, Set<Level> levels, Media media,
                       Count count, Read<V> read, Into<V> into, ToSdp toSdp, ToSession toSession) {
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

    /** How many lines of the attribute a section takes. */
    enum Count {
        /** Single-valued: the first line with a value counts, later ones are not read. */
        FIRST,
        /** Every line adds its value. */
        EACH
    }

    /** SDP to the row's value; {@code null} when the line carries nothing to Jingle. */
    @FunctionalInterface
    interface Read<V> {
        V read(SectionReading section, Attribute attribute, Object view);
    }

    /** Adds the row's value to the content being built. */
    @FunctionalInterface
    interface Into<V> {
        void into(ContentDraft content, V value);

        /** A value that belongs to the RTP description. */
        static <V> Into<V> description(BiConsumer<DescriptionDraft, V> add) {
            return (content, value) -> add.accept(content.description, value);
        }

        /** A value that belongs to the ICE-UDP transport. */
        static <V> Into<V> transport(BiConsumer<TransportDraft, V> add) {
            return (content, value) -> add.accept(content.transport, value);
        }
    }

    /** Jingle to SDP: appends this row's lines for the content being written. */
    @FunctionalInterface
    interface ToSdp {
        void write(ContentWriting content, List<Attribute> out);
    }

    /** Jingle to SDP: appends this row's session-level lines for the whole action. */
    @FunctionalInterface
    interface ToSession {
        void write(SessionWriting session, List<Attribute> out);
    }

    /** Reads {@code attribute} and, when it carries a value, adds it to {@code content}; whether it did. */
    boolean take(SectionReading section, Attribute attribute, Object view, ContentDraft content) {
        V value = read.read(section, attribute, view);
        if (value == null) {
            return false;
        }
        into.into(content, value);
        return true;
    }

    /**
     * Reads a session-level line of a row that also stands at media level: its value becomes the default of every
     * media section without one of its own. Null when the line carries nothing.
     */
    SessionDefault<V> readDefault(SectionReading section, Attribute attribute, Object view, int index) {
        V value = read.read(section, attribute, view);
        return value == null ? null : new SessionDefault<>(this, index, value);
    }

    /** A session-level value, and its row's index in {@link MappingTable#ROWS}. */
    record SessionDefault<V>(AttributeRow<V> row, int index, V value) {
        void applyTo(ContentDraft content) {
            row.into.into(content, value);
        }
    }
}
