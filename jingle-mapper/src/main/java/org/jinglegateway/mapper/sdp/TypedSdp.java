package org.jinglegateway.mapper.sdp;

import java.util.List;

/**
 * A parsed SDP with the typed view of each attribute ({@link AttributeViews#view}), index by index: what the
 * parser made while it checked the values, kept so that a translation reads each value once.
 *
 * @param sdp          the description
 * @param sessionViews one per session-level attribute
 * @param mediaViews   per media section, one per attribute
 */
public record TypedSdp(SessionDescription sdp, List<Object> sessionViews, List<List<Object>> mediaViews) {
    public TypedSdp {
        sessionViews = List.copyOf(sessionViews);
        mediaViews = mediaViews.stream().map(List::copyOf).toList();
        if (sessionViews.size() != sdp.attributes().size() || mediaViews.size() != sdp.media().size()) {
            throw new IllegalArgumentException("views must match the description's attributes one to one");
        }
        for (int i = 0; i < mediaViews.size(); i++) {
            if (mediaViews.get(i).size() != sdp.media().get(i).attributes().size()) {
                throw new IllegalArgumentException("views of media section " + i + " must match its attributes");
            }
        }
    }

    /** Views made now, for a description that did not come from the parser. */
    public static TypedSdp of(SessionDescription sdp) {
        return new TypedSdp(sdp, sdp.attributes().stream().map(AttributeViews::view).toList(),
                sdp.media().stream().map(m -> m.attributes().stream().map(AttributeViews::view).toList()).toList());
    }
}
