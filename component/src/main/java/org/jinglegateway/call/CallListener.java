package org.jinglegateway.call;

import java.time.Duration;

/** What the call layer reports as it goes, for metrics. Every method has a do-nothing default. */
public interface CallListener {
    CallListener NONE = new CallListener() {
    };

    /** A call began: placed by a browser ({@code outgoing}) or arriving from XMPP. */
    default void started(boolean outgoing) {
    }

    /** A call became active, this long after it began. */
    default void active(Duration setup) {
    }

    /** A call ended with this XEP-0166 reason. */
    default void ended(String reason) {
    }

    /** A translation failed (SDP or Jingle that cannot be read or carried); {@code kind} is the mapper's kind. */
    default void mappingError(String kind) {
    }
}
