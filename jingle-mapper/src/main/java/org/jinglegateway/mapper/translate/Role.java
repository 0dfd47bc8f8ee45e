package org.jinglegateway.mapper.translate;

import org.jinglegateway.mapper.jingle.Creator;

/** Who wrote an SDP or a Jingle action: the session's initiator or its responder (XEP-0166 §7.1). */
public enum Role {
    INITIATOR, RESPONDER;

    public Creator creator() {
        return this == INITIATOR ? Creator.INITIATOR : Creator.RESPONDER;
    }
}
