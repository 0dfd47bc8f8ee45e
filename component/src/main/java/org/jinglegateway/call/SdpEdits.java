package org.jinglegateway.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.translate.IceRestart;

/**
 * The call policy's edits of what the mapper translated: content names, ICE credentials, the quirk table's candidate
 * rule and DTLS roles across a restart. Pure functions of their arguments.
 */
final class SdpEdits {
    private SdpEdits() {
    }

    /** Content names changed through a map (mid -> content name or back); groups follow. */
    static Jingle rename(Jingle jingle, Map<String, String> names) {
        List<Content> contents = new ArrayList<>();
        for (Content c : jingle.contents()) {
            contents.add(new Content(c.creator(), names.getOrDefault(c.name(), c.name()), c.disposition(),
                    c.senders(), c.description(), c.transport(), c.attributes(), c.extra()));
        }
        List<ContentGroup> groups = new ArrayList<>();
        for (ContentGroup g : jingle.groups()) {
            groups.add(new ContentGroup(g.semantics(), g.contents().stream().map(n -> names.getOrDefault(n, n))
                    .toList()));
        }
        return new Jingle(jingle.action(), jingle.sid(), jingle.initiator(), jingle.responder(), contents, groups,
                jingle.reason(), jingle.extra());
    }

    /**
     * The browser's current ufrag and pwd on each content of a transport-info, as Conversations sends them:
     * Monal drops candidates whose ufrag/pwd differ from the ones it stored, and a browser's trickled candidate
     * carries only its ufrag. A candidate of another ICE generation keeps its own ufrag and gets no pwd.
     */
    static Jingle withCredentials(Jingle info, ContentMap names, IceCredentials ice) {
        List<Content> contents = new ArrayList<>();
        for (Content c : info.contents()) {
            String mid = names.midOf(c.name());
            Optional<IceUdpTransport> t = c.transport().map(x -> {
                Optional<String> ufrag = x.ufrag().or(() -> ice.browserUfrag(mid));
                boolean current = ufrag.isPresent() && ufrag.equals(ice.browserUfrag(mid));
                Optional<String> pwd = x.pwd().or(() -> current ? ice.browserPwd(mid) : Optional.empty());
                return x.withIce(ufrag, pwd, x.candidates());
            });
            contents.add(new Content(c.creator(), c.name(), c.disposition(), c.senders(), c.description(), t,
                    c.attributes(), c.extra()));
        }
        return new Jingle(info.action(), info.sid(), info.initiator(), info.responder(), contents, info.groups(),
                info.reason(), info.extra());
    }

    /** The quirk table's candidate rule applied to the candidates inside a Jingle: UDP only, unless TCP may go. */
    static Jingle withoutForbiddenCandidates(Jingle jingle, PeerQuirks quirks) {
        if (quirks.tcpCandidates()) {
            return jingle;
        }
        List<Content> contents = new ArrayList<>();
        for (Content c : jingle.contents()) {
            Optional<IceUdpTransport> t = c.transport().map(x -> x.withIce(x.ufrag(), x.pwd(),
                    x.candidates().stream().filter(k -> k.transport().isUdp()).toList()));
            contents.add(new Content(c.creator(), c.name(), c.disposition(), c.senders(), c.description(), t,
                    c.attributes(), c.extra()));
        }
        return new Jingle(jingle.action(), jingle.sid(), jingle.initiator(), jingle.responder(), contents,
                jingle.groups(), jingle.reason(), jingle.extra());
    }

    /** A data channel content (XEP-0343): an sctpmap, or no RTP payload types and media application. */
    static boolean isDataChannel(Content c) {
        return c.transport().flatMap(IceUdpTransport::sctpmap).isPresent() || c.description().map(d ->
                d.payloadTypes().isEmpty() && "application".equals(d.media())).orElse(true);
    }

    /** The Jingle without its data channel contents; groups follow. */
    static Jingle withoutDataChannels(Jingle jingle) {
        List<Content> contents = jingle.contents().stream().filter(c -> !isDataChannel(c)).toList();
        if (contents.size() == jingle.contents().size()) {
            return jingle;
        }
        List<String> kept = contents.stream().map(Content::name).toList();
        List<ContentGroup> groups = jingle.groups().stream().map(g -> new ContentGroup(g.semantics(),
                g.contents().stream().filter(kept::contains).toList())).filter(g -> !g.contents().isEmpty()).toList();
        return jingle.withContents(contents).withGroups(groups);
    }

    /** The last remote description with a restart's new credentials, the DTLS roles kept (RFC 8842 §5.5). */
    static SessionDescription restartDescription(SessionDescription last, Jingle restartByMid,
                                                 Optional<Setup> remoteRole) {
        SessionDescription s = IceRestart.applyToSdp(last, restartByMid);
        if (remoteRole.isEmpty()) {
            return s;
        }
        String role = remoteRole.get().token();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : s.media()) {
            List<Attribute> attributes = new ArrayList<>();
            for (Attribute a : m.attributes()) {
                attributes.add("setup".equals(a.name()) ? Attribute.of("setup", role) : a);
            }
            media.add(m.withAttributes(attributes));
        }
        List<Attribute> session = new ArrayList<>();
        for (Attribute a : s.attributes()) {
            session.add("setup".equals(a.name()) ? Attribute.of("setup", role) : a);
        }
        return s.withMedia(media).withAttributes(session);
    }

    /** The DTLS setup an SDP gives (first media section, then the session); active when it gives none. */
    static Setup setupOf(SessionDescription sdp) {
        for (MediaDescription m : sdp.media()) {
            Optional<String> v = m.value("setup");
            if (v.isPresent()) {
                return Setup.of(v.get());
            }
        }
        return sdp.value("setup").map(Setup::of).orElse(Setup.ACTIVE);
    }

    /** The other side's role to a settled one (RFC 5763 §5). */
    static Setup complement(Setup s) {
        return switch (s) {
            case ACTIVE -> Setup.PASSIVE;
            case PASSIVE -> Setup.ACTIVE;
            default -> Setup.ACTIVE;
        };
    }
}
