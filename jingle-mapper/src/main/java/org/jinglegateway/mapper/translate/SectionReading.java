package org.jinglegateway.mapper.translate;

import java.util.List;
import org.jinglegateway.mapper.MappingNote;

/**
 * Where the {@link MappingTable} rows are reading (the session level, or one media section): the place errors and
 * notes name, who wrote the SDP, and the translation's notes. The values read go into a {@link ContentDraft}.
 */
final class SectionReading {
    final String where;
    final Role writer;
    final List<MappingNote> notes;

    SectionReading(String where, Role writer, List<MappingNote> notes) {
        this.where = where;
        this.writer = writer;
        this.notes = notes;
    }

    void dropped(String name) {
        notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "a=" + name + " has no Jingle counterpart"));
    }
}
