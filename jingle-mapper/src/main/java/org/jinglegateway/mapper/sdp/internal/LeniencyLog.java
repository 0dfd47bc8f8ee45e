package org.jinglegateway.mapper.sdp.internal;

import java.util.ArrayList;
import java.util.List;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.sdp.Leniency;

/** Counts the leniencies applied while parsing one SDP and turns them into one note per kind. */
public final class LeniencyLog {
    private static final Leniency[] ALL = Leniency.values();
    private final int[] firstLine = new int[ALL.length];
    private final int[] count = new int[ALL.length];
    private boolean any;

    public void applied(Leniency leniency, int line) {
        int i = leniency.ordinal();
        if (count[i]++ == 0) {
            firstLine[i] = line;
        }
        any = true;
    }

    public List<MappingNote> notes() {
        if (!any) {
            return List.of();
        }
        List<MappingNote> notes = new ArrayList<>(2);
        for (Leniency l : ALL) {
            int i = l.ordinal();
            if (count[i] > 0) {
                notes.add(new MappingNote(MappingNote.Kind.LENIENCY, "SDP line " + firstLine[i],
                        l.description() + (count[i] > 1 ? "; applied to " + count[i] + " lines" : "")
                                + " [" + l.name() + "]"));
            }
        }
        return notes;
    }
}
