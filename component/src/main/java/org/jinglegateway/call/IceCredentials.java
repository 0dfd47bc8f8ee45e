package org.jinglegateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SessionDescription;

/**
 * Both sides' current ICE credentials (RFC 8839 §5.4): the browser's ufrag and pwd per mid, to tell an ICE restart
 * from other renegotiations and to repeat them in transport-info (Conversations and Monal expect them there), and the
 * peer's ufrag per content, so that candidates of an older generation are dropped. Lane-confined, like its
 * {@link Call}.
 */
final class IceCredentials {
    private final Map<String, String> browserUfrag = new HashMap<>();
    private final Map<String, String> browserPwd = new HashMap<>();
    private final Map<String, String> peerUfrag = new HashMap<>();

    /** Writes the credentials into {@code out} (a call's snapshot for another instance). */
    void writeTo(ObjectNode out) {
        browserUfrag.forEach(out.putObject("browserUfrag")::put);
        browserPwd.forEach(out.putObject("browserPwd")::put);
        peerUfrag.forEach(out.putObject("peerUfrag")::put);
    }

    /** Reads what {@link #writeTo} wrote. */
    void readFrom(JsonNode in) {
        in.path("browserUfrag").fields().forEachRemaining(e -> browserUfrag.put(e.getKey(), e.getValue().asText()));
        in.path("browserPwd").fields().forEachRemaining(e -> browserPwd.put(e.getKey(), e.getValue().asText()));
        in.path("peerUfrag").fields().forEachRemaining(e -> peerUfrag.put(e.getKey(), e.getValue().asText()));
    }

    /** Remembers the browser's ICE credentials from a description it wrote. */
    void learnBrowser(SessionDescription sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            String mid = m.mid().orElse(String.valueOf(i));
            m.value("ice-ufrag").or(() -> sdp.value("ice-ufrag")).ifPresent(u -> browserUfrag.put(mid, u));
            m.value("ice-pwd").or(() -> sdp.value("ice-pwd")).ifPresent(p -> browserPwd.put(mid, p));
        }
    }

    Optional<String> browserUfrag(String mid) {
        return Optional.ofNullable(browserUfrag.get(mid));
    }

    Optional<String> browserPwd(String mid) {
        return Optional.ofNullable(browserPwd.get(mid));
    }

    /**
     * True when a browser offer changes the ICE ufrag of a media section we know (RFC 8445 §9) and keeps the media
     * sections last negotiated (their mids, {@code negotiatedMids}; none before the first): an offer that also adds or
     * removes m-lines is a renegotiation the peer would have to hear about, not a restart.
     */
    boolean isRestart(SessionDescription offer, List<String> negotiatedMids) {
        if (!mids(offer).equals(negotiatedMids)) {
            return false;
        }
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            String mid = m.mid().orElse(String.valueOf(i));
            Optional<String> u = m.value("ice-ufrag").or(() -> offer.value("ice-ufrag"));
            if (u.isPresent() && browserUfrag.containsKey(mid) && !browserUfrag.get(mid).equals(u.get())) {
                return true;
            }
        }
        return false;
    }

    /** The mid of each media section (its index where it has none), in order. */
    static List<String> mids(SessionDescription sdp) {
        List<String> mids = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            mids.add(sdp.media().get(i).mid().orElse(String.valueOf(i)));
        }
        return mids;
    }

    /** The peer's ufrag of each content of a Jingle that carries transports. */
    void learnPeer(Jingle jingle) {
        for (Content c : jingle.contents()) {
            c.transport().flatMap(IceUdpTransport::ufrag).ifPresent(u -> peerUfrag.put(c.name(), u));
        }
    }

    /** The peer's ufrag per content, read-only. */
    Map<String, String> peerUfrags() {
        return Collections.unmodifiableMap(peerUfrag);
    }

    /** The first ufrag seen for a content becomes its current one. */
    void peerUfragIfUnknown(String content, String ufrag) {
        peerUfrag.putIfAbsent(content, ufrag);
    }
}
