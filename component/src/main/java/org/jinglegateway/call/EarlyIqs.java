package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.IQ;

/**
 * Jingle sets that came before the session-initiate they belong to. One process reads its server's stanzas in
 * order, but ejabberd spreads a peer's stanzas over the connections of several instances at random, so a
 * transport-info can overtake the session-initiate that another instance is still passing on (docs/operations.md,
 * "Several instances"). Such a set waits here briefly for its session; bounded, so that a peer cannot park
 * unbounded IQs for sessions that never come.
 */
final class EarlyIqs {
    static final int MAX_SESSIONS = 10_000;
    static final int MAX_PER_SESSION = 50;
    private final Map<CallKey, List<IQ>> parked = new ConcurrentHashMap<>();

    /** Keeps {@code iq} for {@code key}; false when the bounds say no (the caller answers it at once). */
    boolean park(CallKey key, IQ iq) {
        if (!parked.containsKey(key) && parked.size() >= MAX_SESSIONS) {
            return false;
        }
        boolean[] kept = {false};
        parked.compute(key, (k, list) -> {
            List<IQ> l = list == null ? new ArrayList<>() : list;
            if (l.size() < MAX_PER_SESSION) {
                l.add(iq);
                kept[0] = true;
            }
            return l;
        });
        return kept[0];
    }

    /** What waited for this session, in order, taken once (empty the second time). */
    List<IQ> take(CallKey key) {
        List<IQ> l = parked.remove(key);
        return l == null ? List.of() : l;
    }
}
