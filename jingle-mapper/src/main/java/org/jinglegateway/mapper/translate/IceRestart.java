package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.Origin;
import org.jinglegateway.mapper.sdp.SessionDescription;

/**
 * ICE restart as Conversations does it, in both directions: a transport-info whose contents carry a new ufrag and
 * pwd and no candidates (RFC 8445 §9, XEP-0176 §6); DTLS roles are kept. The candidates of the new generation
 * follow as ordinary transport-infos.
 */
public final class IceRestart {
    private IceRestart() {
    }

    /** A browser's restart offer as the transport-info that announces the new credentials to a Jingle peer. */
    public static Jingle toTransportInfo(SessionDescription offer, String sid, Creator creator) {
        List<Content> contents = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            if (m.port() == 0 && !m.has("bundle-only")) {
                continue;
            }
            String name = m.mid().orElse(String.valueOf(i));
            Optional<String> ufrag = m.value("ice-ufrag").or(() -> offer.value("ice-ufrag"));
            Optional<String> pwd = m.value("ice-pwd").or(() -> offer.value("ice-pwd"));
            if (ufrag.isEmpty() || pwd.isEmpty()) {
                throw new TranslationException(TranslationException.Kind.MISSING, "content \"" + name + "\"",
                        "an ICE restart offer needs a=ice-ufrag and a=ice-pwd");
            }
            contents.add(Content.of(creator, name).withTransport(Optional.of(IceUdpTransport.empty()
                    .withIce(ufrag, pwd, List.of()))));
        }
        return Jingle.of(JingleAction.TRANSPORT_INFO, sid).withContents(contents);
    }

    /**
     * True when a transport-info restarts ICE: some content brings a ufrag and pwd that differ from the current
     * ones and no candidates. (Monal rejects candidates whose ufrag differs from the stored one; so do we, by
     * telling restarts apart from candidates.)
     *
     * @param currentUfrag content name -> the ufrag in use
     */
    public static boolean isRestart(Jingle transportInfo, Map<String, String> currentUfrag) {
        if (transportInfo.action() != JingleAction.TRANSPORT_INFO) {
            return false;
        }
        for (Content c : transportInfo.contents()) {
            Optional<IceUdpTransport> t = c.transport();
            if (t.isPresent() && t.get().candidates().isEmpty() && t.get().ufrag().isPresent()
                    && t.get().pwd().isPresent() && !t.get().ufrag().get().equals(currentUfrag.get(c.name()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The description to hand the browser after a Jingle peer restarted ICE: the last one it got from us, with each
     * content's new ufrag and pwd, its candidates removed (they belong to the old generation) and the o= version
     * increased (RFC 8866 §5.2).
     */
    public static SessionDescription applyToSdp(SessionDescription previous, Jingle restart) {
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : previous.media()) {
            Optional<IceUdpTransport> t = restart.contents().stream()
                    .filter(c -> m.mid().isPresent() && c.name().equals(m.mid().get()))
                    .findFirst().flatMap(Content::transport);
            if (t.isEmpty() || t.get().ufrag().isEmpty() || t.get().pwd().isEmpty()) {
                media.add(m);
                continue;
            }
            String where = "content \"" + m.mid().get() + "\"";
            List<Attribute> attributes = new ArrayList<>();
            for (Attribute a : m.attributes()) {
                switch (a.name()) {
                    case "ice-ufrag" -> attributes.add(Attribute.of("ice-ufrag", field(t.get().ufrag().get(),
                            "ufrag", where)));
                    case "ice-pwd" -> attributes.add(Attribute.of("ice-pwd", field(t.get().pwd().get(), "pwd",
                            where)));
                    case "candidate", "end-of-candidates" -> {
                        // the old generation's
                    }
                    default -> attributes.add(a);
                }
            }
            media.add(m.withAttributes(attributes));
        }
        Origin o = previous.origin();
        String version = String.valueOf(parseVersion(o.sessionVersion()) + 1);
        return new SessionDescription(previous.version(), new Origin(o.username(), o.sessionId(), version,
                o.netType(), o.addrType(), o.address()), previous.sessionName(), previous.others(),
                previous.connection(), previous.bandwidths(), previous.timings(), previous.attributes(), media);
    }

    /** o= sess-version; a non-numeric one (allowed by RFC 8866's grammar as written by some peers) restarts at 0. */
    private static long parseVersion(String v) {
        return org.jinglegateway.mapper.internal.Decimals.parse(v).orElse(0);
    }

    private static String field(String value, String name, String where) {
        try {
            return Checks.field(value, name);
        } catch (IllegalArgumentException e) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, e.getMessage());
        }
    }
}
