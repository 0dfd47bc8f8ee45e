package org.jinglegateway.mapper.sdp;

import java.util.Collections;
import java.util.List;

/**
 * A parsed SDP with the typed view of each attribute ({@link AttributeViews#view}), index by index: what the
 * parser made while it checked the values, kept so that a translation reads each value once. Only
 * {@link SdpParser#parseTyped} makes one (a class, not a record, so nobody can pair a description with views that
 * are not its own).
 */
public final class TypedSdp {
    private final SessionDescription sdp;
    private final List<Object> sessionViews;
    private final List<List<Object>> mediaViews;

    TypedSdp(SessionDescription sdp, List<Object> sessionViews, List<List<Object>> mediaViews) {
        this.sdp = sdp;
        // the parser's own lists, which nothing else holds: read-only views of them, not copies
        this.sessionViews = Collections.unmodifiableList(sessionViews);
        for (int i = 0; i < mediaViews.size(); i++) {
            mediaViews.set(i, Collections.unmodifiableList(mediaViews.get(i)));
        }
        this.mediaViews = Collections.unmodifiableList(mediaViews);
    }

    /** The description. */
    public SessionDescription sdp() {
        return sdp;
    }

    /** One view per session-level attribute. */
    public List<Object> sessionViews() {
        return sessionViews;
    }

    /** Per media section, one view per attribute. */
    public List<List<Object>> mediaViews() {
        return mediaViews;
    }
}
