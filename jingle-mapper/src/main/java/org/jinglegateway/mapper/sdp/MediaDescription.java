package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.internal.Checks;

/**
 * One media description: the {@code m=} line (RFC 8866 §5.14) and the lines after it up to the next {@code m=}.
 * Known attributes are typed in separate lists that mirror the SDP lines (the translator groups them per payload
 * type); everything else is kept in {@link #unknownAttributes()} in order. The writer orders the lines as Chrome
 * does (see {@link SdpWriter}).
 *
 * <p>The rtpmap, rtcp-fb and fmtp lists are stored in canonical order: grouped by their format's position on the
 * m= line (stable), then those for formats not on it and {@code rtcp-fb:*}. That is the order the writer uses, so
 * {@code parse(write(m)).equals(m)} holds even for SDPs (Firefox's) that order these lines differently.
 *
 * @param media {@code <media>} of the m= line
 * @param port {@code <port>}; 0 rejects the section, 9 is the JSEP placeholder
 * @param portCount the optional {@code /<number of ports>}
 * @param protocol {@code <proto>}, e.g. {@code UDP/TLS/RTP/SAVPF}, kept as written
 * @param formats {@code <fmt>} list: payload types, or {@code webrtc-datachannel}
 * @param information {@code i=} (RFC 8866 §5.4)
 * @param connection {@code c=} (RFC 8866 §5.7)
 * @param bandwidths {@code b=} lines (RFC 8866 §5.8)
 * @param rtcp {@code a=rtcp} (RFC 3605)
 * @param iceUfrag {@code a=ice-ufrag} (RFC 8839 §5.4)
 * @param icePwd {@code a=ice-pwd} (RFC 8839 §5.4)
 * @param iceOptions {@code a=ice-options} tags (RFC 8839 §5.6), e.g. {@code trickle}
 * @param fingerprints {@code a=fingerprint} (RFC 8122 §5)
 * @param setup {@code a=setup} (RFC 8842 §5.1)
 * @param mid {@code a=mid} (RFC 5888 §4)
 * @param bundleOnly {@code a=bundle-only} (RFC 8843 §6)
 * @param extmapAllowMixed {@code a=extmap-allow-mixed} (RFC 8285 §6)
 * @param extmaps {@code a=extmap} (RFC 8285 §8)
 * @param direction {@code a=sendrecv} etc. (RFC 8866 §6.7); empty means the session level or default applies
 * @param msids {@code a=msid} (RFC 8830 §2)
 * @param rtcpMux {@code a=rtcp-mux} (RFC 5761 §5.1.3)
 * @param rtcpRsize {@code a=rtcp-rsize} (RFC 5506 §5)
 * @param rtpmaps {@code a=rtpmap} (RFC 8866 §6.6)
 * @param rtcpFbs {@code a=rtcp-fb} (RFC 4585 §4.2), per payload type or {@code *}
 * @param fmtps {@code a=fmtp} (RFC 8866 §6.15)
 * @param ptime {@code a=ptime} in ms (RFC 8866 §6.4)
 * @param maxptime {@code a=maxptime} in ms (RFC 8866 §6.5)
 * @param sctpPort {@code a=sctp-port} (RFC 8841 §5.2)
 * @param maxMessageSize {@code a=max-message-size} (RFC 8841 §6), 0 means no limit
 * @param sctpmap the old {@code a=sctpmap} (draft-ietf-mmusic-sctp-sdp-05 §4.1)
 * @param cryptos SDES {@code a=crypto} (RFC 4568 §9.1)
 * @param rids {@code a=rid} (RFC 8851 §10)
 * @param simulcast {@code a=simulcast} (RFC 8853 §5.1)
 * @param ssrcGroups {@code a=ssrc-group} (RFC 5576 §4.2)
 * @param ssrcs {@code a=ssrc} (RFC 5576 §4.1)
 * @param candidates {@code a=candidate} (RFC 8839 §5.1)
 * @param endOfCandidates {@code a=end-of-candidates} (RFC 8840 §8.2)
 * @param unknownAttributes every other {@code a=} line, in order
 */
public record MediaDescription(
        MediaType media,
        int port,
        OptionalInt portCount,
        String protocol,
        List<String> formats,
        Optional<String> information,
        Optional<Connection> connection,
        List<Bandwidth> bandwidths,
        Optional<Rtcp> rtcp,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<String> iceOptions,
        List<Fingerprint> fingerprints,
        Optional<Setup> setup,
        Optional<String> mid,
        boolean bundleOnly,
        boolean extmapAllowMixed,
        List<ExtMap> extmaps,
        Optional<Direction> direction,
        List<Msid> msids,
        boolean rtcpMux,
        boolean rtcpRsize,
        List<RtpMap> rtpmaps,
        List<RtcpFb> rtcpFbs,
        List<Fmtp> fmtps,
        OptionalInt ptime,
        OptionalInt maxptime,
        OptionalInt sctpPort,
        OptionalLong maxMessageSize,
        Optional<SctpMap> sctpmap,
        List<Crypto> cryptos,
        List<Rid> rids,
        Optional<Simulcast> simulcast,
        List<SsrcGroup> ssrcGroups,
        List<Ssrc> ssrcs,
        List<IceCandidate> candidates,
        boolean endOfCandidates,
        List<UnknownAttribute> unknownAttributes) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Checks.range(port, 0, 65535, "media port");
        Objects.requireNonNull(portCount, "portCount");
        portCount.ifPresent(c -> Checks.range(c, 1, 65535, "media port count"));
        Objects.requireNonNull(protocol, "protocol");
        Checks.field(protocol, "media protocol");
        formats = List.copyOf(formats);
        formats.forEach(f -> Checks.token(f, "media format"));
        Objects.requireNonNull(information, "information");
        information.ifPresent(i -> SdpText.lineEnd(i, "media title"));
        Objects.requireNonNull(connection, "connection");
        bandwidths = List.copyOf(bandwidths);
        Objects.requireNonNull(rtcp, "rtcp");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        iceUfrag.ifPresent(u -> Checks.field(u, "ice-ufrag"));
        Objects.requireNonNull(icePwd, "icePwd");
        icePwd.ifPresent(p -> Checks.field(p, "ice-pwd"));
        iceOptions = List.copyOf(iceOptions);
        iceOptions.forEach(o -> Checks.token(o, "ice-options"));
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(mid, "mid");
        mid.ifPresent(m -> Checks.token(m, "mid"));
        extmaps = List.copyOf(extmaps);
        Objects.requireNonNull(direction, "direction");
        msids = List.copyOf(msids);
        int[] positions = PayloadOrder.positions(formats);
        rtpmaps = PayloadOrder.rtpmaps(positions, rtpmaps);
        rtcpFbs = PayloadOrder.rtcpFbs(positions, rtcpFbs);
        fmtps = PayloadOrder.fmtps(formats, positions, fmtps);
        Objects.requireNonNull(ptime, "ptime");
        ptime.ifPresent(p -> Checks.range(p, 0, Integer.MAX_VALUE, "ptime"));
        Objects.requireNonNull(maxptime, "maxptime");
        maxptime.ifPresent(p -> Checks.range(p, 0, Integer.MAX_VALUE, "maxptime"));
        Objects.requireNonNull(sctpPort, "sctpPort");
        sctpPort.ifPresent(p -> Checks.range(p, 0, 65535, "sctp-port"));
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        maxMessageSize.ifPresent(s -> Checks.range(s, 0L, Long.MAX_VALUE,
                "max-message-size"));
        Objects.requireNonNull(sctpmap, "sctpmap");
        cryptos = List.copyOf(cryptos);
        rids = List.copyOf(rids);
        Objects.requireNonNull(simulcast, "simulcast");
        ssrcGroups = List.copyOf(ssrcGroups);
        ssrcs = List.copyOf(ssrcs);
        candidates = List.copyOf(candidates);
        unknownAttributes = List.copyOf(unknownAttributes);

    }

    /** A builder holding this value's fields, for edits larger than one {@code withX}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.media = media;
        b.port = port;
        b.portCount = portCount;
        b.protocol = protocol;
        b.formats = formats;
        b.information = information;
        b.connection = connection;
        b.bandwidths = bandwidths;
        b.rtcp = rtcp;
        b.iceUfrag = iceUfrag;
        b.icePwd = icePwd;
        b.iceOptions = iceOptions;
        b.fingerprints = fingerprints;
        b.setup = setup;
        b.mid = mid;
        b.bundleOnly = bundleOnly;
        b.extmapAllowMixed = extmapAllowMixed;
        b.extmaps = extmaps;
        b.direction = direction;
        b.msids = msids;
        b.rtcpMux = rtcpMux;
        b.rtcpRsize = rtcpRsize;
        b.rtpmaps = rtpmaps;
        b.rtcpFbs = rtcpFbs;
        b.fmtps = fmtps;
        b.ptime = ptime;
        b.maxptime = maxptime;
        b.sctpPort = sctpPort;
        b.maxMessageSize = maxMessageSize;
        b.sctpmap = sctpmap;
        b.cryptos = cryptos;
        b.rids = rids;
        b.simulcast = simulcast;
        b.ssrcGroups = ssrcGroups;
        b.ssrcs = ssrcs;
        b.candidates = candidates;
        b.endOfCandidates = endOfCandidates;
        b.unknownAttributes = unknownAttributes;
        return b;
    }

    /** A builder for an {@code m=} line with no attributes. */
    public static Builder builder(MediaType media, int port, String protocol, List<String> formats) {
        return new Builder().media(media).port(port).protocol(protocol).formats(formats);
    }

    /** True for a section rejected with port 0 (RFC 9429 §5.2.2) that is not bundle-only. */
    public boolean isRejected() {
        return port == 0 && !bundleOnly;
    }

    /** The rtpmap for a payload type, if any. */
    public Optional<RtpMap> rtpmap(int payloadType) {
        for (RtpMap r : rtpmaps) {
            if (r.payloadType() == payloadType) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public MediaDescription withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public MediaDescription withMid(Optional<String> newMid) {
        return toBuilder().mid(newMid).build();
    }

    public MediaDescription withDirection(Optional<Direction> newDirection) {
        return toBuilder().direction(newDirection).build();
    }

    public MediaDescription withSetup(Optional<Setup> newSetup) {
        return toBuilder().setup(newSetup).build();
    }

    public MediaDescription withIceCredentials(Optional<String> ufrag, Optional<String> pwd) {
        return toBuilder().iceUfrag(ufrag).icePwd(pwd).build();
    }

    public MediaDescription withCandidates(List<IceCandidate> newCandidates) {
        return toBuilder().candidates(newCandidates).build();
    }

    /** Builds a {@link MediaDescription}; media and protocol are required. Lists are copied by {@link #build()}. */
    public static final class Builder {
        private MediaType media = null;
        private int port = 0;
        private OptionalInt portCount = OptionalInt.empty();
        private String protocol = null;
        private List<String> formats = List.of();
        private Optional<String> information = Optional.empty();
        private Optional<Connection> connection = Optional.empty();
        private List<Bandwidth> bandwidths = List.of();
        private Optional<Rtcp> rtcp = Optional.empty();
        private Optional<String> iceUfrag = Optional.empty();
        private Optional<String> icePwd = Optional.empty();
        private List<String> iceOptions = List.of();
        private List<Fingerprint> fingerprints = List.of();
        private Optional<Setup> setup = Optional.empty();
        private Optional<String> mid = Optional.empty();
        private boolean bundleOnly = false;
        private boolean extmapAllowMixed = false;
        private List<ExtMap> extmaps = List.of();
        private Optional<Direction> direction = Optional.empty();
        private List<Msid> msids = List.of();
        private boolean rtcpMux = false;
        private boolean rtcpRsize = false;
        private List<RtpMap> rtpmaps = List.of();
        private List<RtcpFb> rtcpFbs = List.of();
        private List<Fmtp> fmtps = List.of();
        private OptionalInt ptime = OptionalInt.empty();
        private OptionalInt maxptime = OptionalInt.empty();
        private OptionalInt sctpPort = OptionalInt.empty();
        private OptionalLong maxMessageSize = OptionalLong.empty();
        private Optional<SctpMap> sctpmap = Optional.empty();
        private List<Crypto> cryptos = List.of();
        private List<Rid> rids = List.of();
        private Optional<Simulcast> simulcast = Optional.empty();
        private List<SsrcGroup> ssrcGroups = List.of();
        private List<Ssrc> ssrcs = List.of();
        private List<IceCandidate> candidates = List.of();
        private boolean endOfCandidates = false;
        private List<UnknownAttribute> unknownAttributes = List.of();

        public Builder media(MediaType value) {
            this.media = value;
            return this;
        }
        public Builder port(int value) {
            this.port = value;
            return this;
        }
        public Builder portCount(OptionalInt value) {
            this.portCount = value;
            return this;
        }
        public Builder portCount(int value) {
            this.portCount = OptionalInt.of(value);
            return this;
        }
        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }
        public Builder formats(List<String> value) {
            this.formats = value;
            return this;
        }
        public Builder addFormat(String value) {
            if (!(this.formats instanceof ArrayList)) {
                this.formats = new ArrayList<>(this.formats);
            }
            this.formats.add(value);
            return this;
        }
        public Builder information(Optional<String> value) {
            this.information = value;
            return this;
        }
        public Builder information(String value) {
            this.information = Optional.of(value);
            return this;
        }
        public Builder connection(Optional<Connection> value) {
            this.connection = value;
            return this;
        }
        public Builder connection(Connection value) {
            this.connection = Optional.of(value);
            return this;
        }
        public Builder bandwidths(List<Bandwidth> value) {
            this.bandwidths = value;
            return this;
        }
        public Builder addBandwidth(Bandwidth value) {
            if (!(this.bandwidths instanceof ArrayList)) {
                this.bandwidths = new ArrayList<>(this.bandwidths);
            }
            this.bandwidths.add(value);
            return this;
        }
        public Builder rtcp(Optional<Rtcp> value) {
            this.rtcp = value;
            return this;
        }
        public Builder rtcp(Rtcp value) {
            this.rtcp = Optional.of(value);
            return this;
        }
        public Builder iceUfrag(Optional<String> value) {
            this.iceUfrag = value;
            return this;
        }
        public Builder iceUfrag(String value) {
            this.iceUfrag = Optional.of(value);
            return this;
        }
        public Builder icePwd(Optional<String> value) {
            this.icePwd = value;
            return this;
        }
        public Builder icePwd(String value) {
            this.icePwd = Optional.of(value);
            return this;
        }
        public Builder iceOptions(List<String> value) {
            this.iceOptions = value;
            return this;
        }
        public Builder addIceOption(String value) {
            if (!(this.iceOptions instanceof ArrayList)) {
                this.iceOptions = new ArrayList<>(this.iceOptions);
            }
            this.iceOptions.add(value);
            return this;
        }
        public Builder fingerprints(List<Fingerprint> value) {
            this.fingerprints = value;
            return this;
        }
        public Builder addFingerprint(Fingerprint value) {
            if (!(this.fingerprints instanceof ArrayList)) {
                this.fingerprints = new ArrayList<>(this.fingerprints);
            }
            this.fingerprints.add(value);
            return this;
        }
        public Builder setup(Optional<Setup> value) {
            this.setup = value;
            return this;
        }
        public Builder setup(Setup value) {
            this.setup = Optional.of(value);
            return this;
        }
        public Builder mid(Optional<String> value) {
            this.mid = value;
            return this;
        }
        public Builder mid(String value) {
            this.mid = Optional.of(value);
            return this;
        }
        public Builder bundleOnly(boolean value) {
            this.bundleOnly = value;
            return this;
        }
        public Builder extmapAllowMixed(boolean value) {
            this.extmapAllowMixed = value;
            return this;
        }
        public Builder extmaps(List<ExtMap> value) {
            this.extmaps = value;
            return this;
        }
        public Builder addExtmap(ExtMap value) {
            if (!(this.extmaps instanceof ArrayList)) {
                this.extmaps = new ArrayList<>(this.extmaps);
            }
            this.extmaps.add(value);
            return this;
        }
        public Builder direction(Optional<Direction> value) {
            this.direction = value;
            return this;
        }
        public Builder direction(Direction value) {
            this.direction = Optional.of(value);
            return this;
        }
        public Builder msids(List<Msid> value) {
            this.msids = value;
            return this;
        }
        public Builder addMsid(Msid value) {
            if (!(this.msids instanceof ArrayList)) {
                this.msids = new ArrayList<>(this.msids);
            }
            this.msids.add(value);
            return this;
        }
        public Builder rtcpMux(boolean value) {
            this.rtcpMux = value;
            return this;
        }
        public Builder rtcpRsize(boolean value) {
            this.rtcpRsize = value;
            return this;
        }
        public Builder rtpmaps(List<RtpMap> value) {
            this.rtpmaps = value;
            return this;
        }
        public Builder addRtpmap(RtpMap value) {
            if (!(this.rtpmaps instanceof ArrayList)) {
                this.rtpmaps = new ArrayList<>(this.rtpmaps);
            }
            this.rtpmaps.add(value);
            return this;
        }
        public Builder rtcpFbs(List<RtcpFb> value) {
            this.rtcpFbs = value;
            return this;
        }
        public Builder addRtcpFb(RtcpFb value) {
            if (!(this.rtcpFbs instanceof ArrayList)) {
                this.rtcpFbs = new ArrayList<>(this.rtcpFbs);
            }
            this.rtcpFbs.add(value);
            return this;
        }
        public Builder fmtps(List<Fmtp> value) {
            this.fmtps = value;
            return this;
        }
        public Builder addFmtp(Fmtp value) {
            if (!(this.fmtps instanceof ArrayList)) {
                this.fmtps = new ArrayList<>(this.fmtps);
            }
            this.fmtps.add(value);
            return this;
        }
        public Builder ptime(OptionalInt value) {
            this.ptime = value;
            return this;
        }
        public Builder ptime(int value) {
            this.ptime = OptionalInt.of(value);
            return this;
        }
        public Builder maxptime(OptionalInt value) {
            this.maxptime = value;
            return this;
        }
        public Builder maxptime(int value) {
            this.maxptime = OptionalInt.of(value);
            return this;
        }
        public Builder sctpPort(OptionalInt value) {
            this.sctpPort = value;
            return this;
        }
        public Builder sctpPort(int value) {
            this.sctpPort = OptionalInt.of(value);
            return this;
        }
        public Builder maxMessageSize(OptionalLong value) {
            this.maxMessageSize = value;
            return this;
        }
        public Builder maxMessageSize(long value) {
            this.maxMessageSize = OptionalLong.of(value);
            return this;
        }
        public Builder sctpmap(Optional<SctpMap> value) {
            this.sctpmap = value;
            return this;
        }
        public Builder sctpmap(SctpMap value) {
            this.sctpmap = Optional.of(value);
            return this;
        }
        public Builder cryptos(List<Crypto> value) {
            this.cryptos = value;
            return this;
        }
        public Builder addCrypto(Crypto value) {
            if (!(this.cryptos instanceof ArrayList)) {
                this.cryptos = new ArrayList<>(this.cryptos);
            }
            this.cryptos.add(value);
            return this;
        }
        public Builder rids(List<Rid> value) {
            this.rids = value;
            return this;
        }
        public Builder addRid(Rid value) {
            if (!(this.rids instanceof ArrayList)) {
                this.rids = new ArrayList<>(this.rids);
            }
            this.rids.add(value);
            return this;
        }
        public Builder simulcast(Optional<Simulcast> value) {
            this.simulcast = value;
            return this;
        }
        public Builder simulcast(Simulcast value) {
            this.simulcast = Optional.of(value);
            return this;
        }
        public Builder ssrcGroups(List<SsrcGroup> value) {
            this.ssrcGroups = value;
            return this;
        }
        public Builder addSsrcGroup(SsrcGroup value) {
            if (!(this.ssrcGroups instanceof ArrayList)) {
                this.ssrcGroups = new ArrayList<>(this.ssrcGroups);
            }
            this.ssrcGroups.add(value);
            return this;
        }
        public Builder ssrcs(List<Ssrc> value) {
            this.ssrcs = value;
            return this;
        }
        public Builder addSsrc(Ssrc value) {
            if (!(this.ssrcs instanceof ArrayList)) {
                this.ssrcs = new ArrayList<>(this.ssrcs);
            }
            this.ssrcs.add(value);
            return this;
        }
        public Builder candidates(List<IceCandidate> value) {
            this.candidates = value;
            return this;
        }
        public Builder addCandidate(IceCandidate value) {
            if (!(this.candidates instanceof ArrayList)) {
                this.candidates = new ArrayList<>(this.candidates);
            }
            this.candidates.add(value);
            return this;
        }
        public Builder endOfCandidates(boolean value) {
            this.endOfCandidates = value;
            return this;
        }
        public Builder unknownAttributes(List<UnknownAttribute> value) {
            this.unknownAttributes = value;
            return this;
        }
        public Builder addUnknownAttribute(UnknownAttribute value) {
            if (!(this.unknownAttributes instanceof ArrayList)) {
                this.unknownAttributes = new ArrayList<>(this.unknownAttributes);
            }
            this.unknownAttributes.add(value);
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(media, port, portCount, protocol, formats, information, connection,
                    bandwidths, rtcp, iceUfrag, icePwd, iceOptions, fingerprints, setup, mid, bundleOnly,
                    extmapAllowMixed, extmaps, direction, msids, rtcpMux, rtcpRsize, rtpmaps, rtcpFbs, fmtps, ptime,
                    maxptime, sctpPort, maxMessageSize, sctpmap, cryptos, rids, simulcast, ssrcGroups, ssrcs,
                    candidates, endOfCandidates, unknownAttributes);
        }
    }
}
