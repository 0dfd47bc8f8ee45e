package org.jinglegateway.mapper.sdp;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * Writes a {@link SessionDescription} as canonical SDP: CRLF line ends and RFC 8866 §5 line order
 * ({@code v o s i u e p c b t r z a}, then per media {@code m i c b a}).
 *
 * <p>Session attributes: ice-lite, ice-ufrag, ice-pwd, ice-options, fingerprint, setup, group,
 * extmap-allow-mixed, msid-semantic, extmap, direction, then the unknown ones in order.
 *
 * <p>Media attributes in the order libwebrtc writes them: rtcp, candidate, end-of-candidates, ice-ufrag, ice-pwd,
 * ice-options, fingerprint, setup, mid, bundle-only, extmap-allow-mixed, extmap, direction, msid, rtcp-mux,
 * rtcp-rsize, then per format of the m= line its rtpmap, rtcp-fb and fmtp lines, then any rtpmap/rtcp-fb/fmtp for
 * formats not on the m= line (and {@code rtcp-fb:*}), ptime, maxptime, sctp-port, max-message-size, sctpmap,
 * crypto, rid, simulcast, ssrc-group, ssrc, and the unknown ones in order. libwebrtc puts candidates right after
 * {@code a=rtcp}, so a browser's SDP with candidates writes back identically.
 *
 * <p>Since every model value was validated when it was built, the output cannot contain CR, LF or a stray space
 * from a value. Stateless and thread-safe.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription s) {
        StringBuilder b = new StringBuilder(2048 + 1024 * s.media().size());
        Origin o = s.origin();
        b.append("v=0\r\no=").append(o.username()).append(' ').append(o.sessionId()).append(' ')
                .append(o.sessionVersion()).append(' ').append(o.netType()).append(' ').append(o.addrType())
                .append(' ').append(o.address()).append(CRLF);
        b.append("s=").append(s.sessionName()).append(CRLF);
        s.information().ifPresent(i -> b.append("i=").append(i).append(CRLF));
        s.uri().ifPresent(u -> b.append("u=").append(u).append(CRLF));
        s.emails().forEach(e -> b.append("e=").append(e).append(CRLF));
        s.phones().forEach(p -> b.append("p=").append(p).append(CRLF));
        s.connection().ifPresent(c -> connection(b, c));
        bandwidths(b, s.bandwidths());
        for (Timing t : s.timings()) {
            b.append("t=").append(t.start()).append(' ').append(t.stop()).append(CRLF);
            t.repeats().forEach(r -> b.append("r=").append(r).append(CRLF));
        }
        s.timeZones().ifPresent(z -> b.append("z=").append(z).append(CRLF));
        if (s.iceLite()) {
            b.append("a=ice-lite\r\n");
        }
        ice(b, s.iceUfrag(), s.icePwd(), s.iceOptions());
        dtls(b, s.fingerprints(), s.setup());
        for (Group g : s.groups()) {
            b.append("a=group:").append(g.semantics());
            g.mids().forEach(m -> b.append(' ').append(m));
            b.append(CRLF);
        }
        if (s.extmapAllowMixed()) {
            b.append("a=extmap-allow-mixed\r\n");
        }
        for (MsidSemantic m : s.msidSemantics()) {
            b.append("a=msid-semantic: ").append(m.semantic());
            m.identifiers().forEach(i -> b.append(' ').append(i));
            b.append(CRLF);
        }
        s.extmaps().forEach(e -> extmap(b, e));
        s.direction().ifPresent(d -> b.append("a=").append(d.token()).append(CRLF));
        unknown(b, s.unknownAttributes());
        s.media().forEach(m -> media(b, m));
        return b.toString();
    }

    private static void media(StringBuilder b, MediaDescription m) {
        b.append("m=").append(m.media().token()).append(' ').append(m.port());
        m.portCount().ifPresent(c -> b.append('/').append(c));
        b.append(' ').append(m.protocol());
        m.formats().forEach(f -> b.append(' ').append(f));
        b.append(CRLF);
        m.information().ifPresent(i -> b.append("i=").append(i).append(CRLF));
        m.connection().ifPresent(c -> connection(b, c));
        bandwidths(b, m.bandwidths());
        m.rtcp().ifPresent(r -> {
            b.append("a=rtcp:").append(r.port());
            r.connection().ifPresent(c -> b.append(' ').append(c.netType()).append(' ').append(c.addrType())
                    .append(' ').append(c.address()));
            b.append(CRLF);
        });
        for (IceCandidate c : m.candidates()) {
            b.append("a=candidate:");
            CandidateWriter.appendValue(b, c);
            b.append(CRLF);
        }
        flag(b, m.endOfCandidates(), "a=end-of-candidates\r\n");
        ice(b, m.iceUfrag(), m.icePwd(), m.iceOptions());
        dtls(b, m.fingerprints(), m.setup());
        m.mid().ifPresent(mid -> b.append("a=mid:").append(mid).append(CRLF));
        flag(b, m.bundleOnly(), "a=bundle-only\r\n");
        flag(b, m.extmapAllowMixed(), "a=extmap-allow-mixed\r\n");
        m.extmaps().forEach(e -> extmap(b, e));
        m.direction().ifPresent(d -> b.append("a=").append(d.token()).append(CRLF));
        for (Msid msid : m.msids()) {
            b.append("a=msid:").append(msid.id());
            msid.appData().ifPresent(a -> b.append(' ').append(a));
            b.append(CRLF);
        }
        flag(b, m.rtcpMux(), "a=rtcp-mux\r\n");
        flag(b, m.rtcpRsize(), "a=rtcp-rsize\r\n");
        PayloadLines.write(b, m);
        m.ptime().ifPresent(p -> b.append("a=ptime:").append(p).append(CRLF));
        m.maxptime().ifPresent(p -> b.append("a=maxptime:").append(p).append(CRLF));
        m.sctpPort().ifPresent(p -> b.append("a=sctp-port:").append(p).append(CRLF));
        m.maxMessageSize().ifPresent(p -> b.append("a=max-message-size:").append(p).append(CRLF));
        m.sctpmap().ifPresent(s -> {
            b.append("a=sctpmap:").append(s.number()).append(' ').append(s.app());
            s.streams().ifPresent(n -> b.append(' ').append(n));
            b.append(CRLF);
        });
        for (Crypto c : m.cryptos()) {
            b.append("a=crypto:").append(c.tag()).append(' ').append(c.suite()).append(' ').append(c.keyParams());
            c.sessionParams().forEach(p -> b.append(' ').append(p));
            b.append(CRLF);
        }
        for (Rid r : m.rids()) {
            b.append("a=rid:").append(r.id()).append(' ').append(r.direction().token());
            r.restrictions().ifPresent(x -> b.append(' ').append(x));
            b.append(CRLF);
        }
        m.simulcast().ifPresent(s -> {
            b.append("a=simulcast:");
            s.send().ifPresent(x -> b.append("send ").append(x));
            s.recv().ifPresent(x -> b.append(s.send().isPresent() ? " recv " : "recv ").append(x));
            b.append(CRLF);
        });
        for (SsrcGroup g : m.ssrcGroups()) {
            b.append("a=ssrc-group:").append(g.semantics());
            g.ssrcs().forEach(x -> b.append(' ').append(x.longValue()));
            b.append(CRLF);
        }
        for (Ssrc x : m.ssrcs()) {
            b.append("a=ssrc:").append(x.ssrc()).append(' ').append(x.attribute());
            x.value().ifPresent(v -> b.append(':').append(v));
            b.append(CRLF);
        }
        unknown(b, m.unknownAttributes());
    }

    private static void connection(StringBuilder b, Connection c) {
        b.append("c=").append(c.netType()).append(' ').append(c.addrType()).append(' ').append(c.address())
                .append(CRLF);
    }

    private static void bandwidths(StringBuilder b, List<Bandwidth> bandwidths) {
        bandwidths.forEach(bw -> b.append("b=").append(bw.type()).append(':').append(bw.value()).append(CRLF));
    }

    private static void ice(StringBuilder b, Optional<String> ufrag, Optional<String> pwd, List<String> options) {
        ufrag.ifPresent(u -> b.append("a=ice-ufrag:").append(u).append(CRLF));
        pwd.ifPresent(p -> b.append("a=ice-pwd:").append(p).append(CRLF));
        if (!options.isEmpty()) {
            b.append("a=ice-options:").append(String.join(" ", options)).append(CRLF);
        }
    }

    private static void dtls(StringBuilder b, List<Fingerprint> fingerprints, Optional<Setup> setup) {
        fingerprints.forEach(f -> b.append("a=fingerprint:").append(f.hashFunction()).append(' ').append(f.value())
                .append(CRLF));
        setup.ifPresent(s -> b.append("a=setup:").append(s.token()).append(CRLF));
    }

    private static void extmap(StringBuilder b, ExtMap e) {
        b.append("a=extmap:").append(e.id());
        e.direction().ifPresent(d -> b.append('/').append(d.token()));
        b.append(' ').append(e.uri());
        e.attributes().ifPresent(a -> b.append(' ').append(a));
        b.append(CRLF);
    }

    private static void flag(StringBuilder b, boolean present, String line) {
        if (present) {
            b.append(line);
        }
    }

    private static void unknown(StringBuilder b, List<UnknownAttribute> attributes) {
        for (UnknownAttribute a : attributes) {
            b.append("a=").append(a.name());
            a.value().ifPresent(v -> b.append(':').append(v));
            b.append(CRLF);
        }
    }
}
