package org.jinglegateway.mapper.translate;

import java.util.List;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.jingle.Jingle;

/**
 * A Jingle action on its way to an SDP's session level, as the {@link MappingTable} rows see it.
 *
 * @param jingle the action
 * @param mids   each content's mid, in content order
 * @param notes  the translation's notes
 */
record SessionWriting(Jingle jingle, List<String> mids, List<MappingNote> notes) {
}
