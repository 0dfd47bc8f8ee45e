package org.jinglegateway.mapper.sdp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.candidate.CandidateParseException;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.sdp.Connection;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fingerprint;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.Leniency;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.Msid;
import org.jinglegateway.mapper.sdp.MsidSemantic;
import org.jinglegateway.mapper.sdp.Rid;
import org.jinglegateway.mapper.sdp.RidDirection;
import org.jinglegateway.mapper.sdp.Rtcp;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.SctpMap;
import org.jinglegateway.mapper.sdp.SdpParseException;
import org.jinglegateway.mapper.sdp.SdpParseException.Kind;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.sdp.Simulcast;
import org.jinglegateway.mapper.sdp.Ssrc;
import org.jinglegateway.mapper.sdp.SsrcGroup;
import org.jinglegateway.mapper.sdp.UnknownAttribute;

/**
 * Reads the value of one {@code a=} line into the session or media builder. The attribute name selects the
 * grammar; unknown names (and known names at a level where they have no meaning) become
 * {@link UnknownAttribute}s. Attributes that may appear once per section are checked with a bit set.
 */
public final class AttributeReader {
    private static final int MID = 0;
    private static final int DIRECTION = 1;
    private static final int UFRAG = 2;
    private static final int PWD = 3;
    private static final int SETUP = 4;
    private static final int RTCP = 5;
    private static final int SCTP_PORT = 6;
    private static final int MAX_MESSAGE_SIZE = 7;
    private static final int SCTPMAP = 8;
    private static final int PTIME = 9;
    private static final int MAXPTIME = 10;
    private static final int SIMULCAST = 11;

    private final Cursor c;
    private final LeniencyLog log;
    private int seen;

    public AttributeReader(Cursor cursor, LeniencyLog log) {
        this.c = cursor;
        this.log = log;
    }

    /** Starts a new section (the session level or one m= section). */
    public void newSection() {
        seen = 0;
    }

    /**
     * Reads a session-level attribute. The cursor is after the name; {@code hasValue} says whether a {@code :}
     * followed it (the cursor is then after the colon).
     */
    public void session(String name, boolean hasValue, SessionDescription.Builder s) {
        switch (name) {
            case "group" -> s.addGroup(group());
            case "msid-semantic" -> s.addMsidSemantic(msidSemantic());
            case "ice-lite" -> s.iceLite(flag(name, hasValue));
            case "ice-ufrag" -> s.iceUfrag(once(UFRAG, name, fieldValue("ice-ufrag")));
            case "ice-pwd" -> s.icePwd(once(PWD, name, fieldValue("ice-pwd")));
            case "ice-options" -> s.iceOptions(tokens("ice-options"));
            case "fingerprint" -> s.addFingerprint(fingerprint());
            case "setup" -> s.setup(once(SETUP, name, setup()));
            case "extmap-allow-mixed" -> s.extmapAllowMixed(flag(name, hasValue));
            case "extmap" -> s.addExtmap(extmap());
            case "sendrecv", "sendonly", "recvonly", "inactive" -> s.direction(direction(name, hasValue));
            default -> s.addUnknownAttribute(unknown(name, hasValue));
        }
        c.endAttribute(name);
    }

    /** Reads a media-level attribute; see {@link #session}. */
    public void media(String name, boolean hasValue, MediaDescription.Builder m) {
        switch (name) {
            case "mid" -> m.mid(once(MID, name, c.build(() -> Checks.token(c.restRequired("mid"), "mid"))));
            case "sendrecv", "sendonly", "recvonly", "inactive" -> m.direction(direction(name, hasValue));
            case "ice-ufrag" -> m.iceUfrag(once(UFRAG, name, fieldValue("ice-ufrag")));
            case "ice-pwd" -> m.icePwd(once(PWD, name, fieldValue("ice-pwd")));
            case "ice-options" -> m.iceOptions(tokens("ice-options"));
            case "fingerprint" -> m.addFingerprint(fingerprint());
            case "setup" -> m.setup(once(SETUP, name, setup()));
            case "rtcp-mux" -> m.rtcpMux(flag(name, hasValue));
            case "rtcp-rsize" -> m.rtcpRsize(flag(name, hasValue));
            case "rtcp" -> m.rtcp(once(RTCP, name, rtcp()));
            case "extmap" -> m.addExtmap(extmap());
            case "extmap-allow-mixed" -> m.extmapAllowMixed(flag(name, hasValue));
            case "msid" -> m.addMsid(msid());
            case "rtpmap" -> m.addRtpmap(rtpmap());
            case "fmtp" -> m.addFmtp(FmtpReader.read(c, log));
            case "rtcp-fb" -> m.addRtcpFb(rtcpFb());
            case "ssrc" -> m.addSsrc(ssrc());
            case "ssrc-group" -> m.addSsrcGroup(ssrcGroup());
            case "candidate" -> m.addCandidate(candidate());
            case "end-of-candidates" -> m.endOfCandidates(flag(name, hasValue));
            case "sctp-port" -> m.sctpPort(once(SCTP_PORT, name, c.integer("sctp-port", 0, 65535)));
            case "max-message-size" -> m.maxMessageSize(once(MAX_MESSAGE_SIZE, name,
                    c.number("max-message-size", 0, Long.MAX_VALUE)));
            case "sctpmap" -> m.sctpmap(once(SCTPMAP, name, sctpmap()));
            case "crypto" -> m.addCrypto(crypto());
            case "ptime" -> m.ptime(once(PTIME, name, c.integer("ptime", 0, Integer.MAX_VALUE)));
            case "maxptime" -> m.maxptime(once(MAXPTIME, name, c.integer("maxptime", 0, Integer.MAX_VALUE)));
            case "rid" -> m.addRid(rid());
            case "simulcast" -> m.simulcast(once(SIMULCAST, name, simulcast()));
            case "bundle-only" -> m.bundleOnly(flag(name, hasValue));
            default -> m.addUnknownAttribute(unknown(name, hasValue));
        }
        c.endAttribute(name);
    }

    private <T> T once(int bit, String name, T value) {
        if ((seen & (1 << bit)) != 0) {
            throw c.fail(Kind.DUPLICATE, 2, bit == DIRECTION ? "a section must have at most one direction attribute"
                    : "a=" + name + " must appear at most once in a section");
        }
        seen |= 1 << bit;
        return value;
    }

    private boolean flag(String name, boolean hasValue) {
        if (hasValue) {
            throw c.fail(Kind.BAD_VALUE, c.pos() - 1, "a=" + name + " takes no value, found "
                    + Checks.quote(c.text().substring(c.pos() - 1)));
        }
        return true;
    }

    private Direction direction(String name, boolean hasValue) {
        flag(name, hasValue);
        return once(DIRECTION, name, Direction.of(name).orElseThrow());
    }

    private String fieldValue(String what) {
        String v = c.restRequired(what);
        return c.build(() -> Checks.field(v, what));
    }

    private List<String> tokens(String what) {
        List<String> out = new ArrayList<>(2);
        do {
            String t = c.field(what);
            out.add(c.build(() -> Checks.token(t, what)));
        } while (!c.atEnd());
        return out;
    }

    private Group group() {
        String semantics = c.field("group semantics");
        List<String> mids = new ArrayList<>(4);
        while (!c.atEnd()) {
            mids.add(c.field("group identification tag"));
        }
        return c.build(() -> new Group(semantics, mids));
    }

    /** Chrome writes {@code a=msid-semantic: WMS}; the space after the colon is its normal form, not a leniency. */
    private MsidSemantic msidSemantic() {
        if (c.peek() == ' ') {
            c.skip(1);
        }
        String semantic = c.field("msid-semantic");
        List<String> ids = new ArrayList<>(1);
        while (!c.atEnd()) {
            ids.add(c.field("msid-semantic identifier"));
        }
        return c.build(() -> new MsidSemantic(semantic, ids));
    }

    private Fingerprint fingerprint() {
        String hash = c.field("fingerprint hash function");
        String value = c.field("fingerprint");
        return c.build(() -> new Fingerprint(hash, value));
    }

    private Setup setup() {
        String v = c.restRequired("a=setup value");
        return Setup.of(v).orElseThrow(() -> c.failField(Kind.BAD_VALUE, "a=setup must be one of " + Setup.ALLOWED
                + ", found " + Checks.quote(v)));
    }

    private ExtMap extmap() {
        int start = c.pos();
        String idPart = c.field("extmap id");
        int slash = idPart.indexOf('/');
        String idText = slash < 0 ? idPart : idPart.substring(0, slash);
        int id = (int) c.number(idText, "extmap id", 1, 4351);
        Optional<Direction> direction = Optional.empty();
        if (slash >= 0) {
            String d = idPart.substring(slash + 1);
            direction = Optional.of(Direction.of(d).orElseThrow(() -> c.fail(Kind.BAD_VALUE, start + slash + 1,
                    "extmap direction must be one of " + Direction.ALLOWED + ", found " + Checks.quote(d))));
        }
        String uri = c.field("extmap URI");
        Optional<String> attributes = c.atEnd() ? Optional.empty() : Optional.of(c.rest());
        Optional<Direction> dir = direction;
        return c.build(() -> new ExtMap(id, dir, uri, attributes));
    }

    private Msid msid() {
        String id = c.field("msid id");
        Optional<String> appData = c.atEnd() ? Optional.empty() : Optional.of(c.field("msid appdata"));
        return c.build(() -> new Msid(id, appData));
    }

    private Rtcp rtcp() {
        int port = c.integer("rtcp port", 0, 65535);
        if (c.atEnd()) {
            return new Rtcp(port, Optional.empty());
        }
        String net = c.field("rtcp network type");
        String addrType = c.field("rtcp address type");
        String address = c.field("rtcp address");
        return c.build(() -> new Rtcp(port, Optional.of(new Connection(net, addrType, address))));
    }

    private RtpMap rtpmap() {
        int pt = c.integer("a=rtpmap payload type", 0, 127);
        String name = c.until('/', "rtpmap encoding name");
        long clock = c.number(c.until('/', "rtpmap clock rate"), "rtpmap clock rate", 0, 0xFFFF_FFFFL);
        OptionalInt channels = c.atEnd() ? OptionalInt.empty()
                : OptionalInt.of((int) c.number(c.rest(), "rtpmap channels", 0, 255));
        return c.build(() -> new RtpMap(pt, name, clock, channels));
    }

    private RtcpFb rtcpFb() {
        String pt = c.field("rtcp-fb payload type");
        OptionalInt payload = pt.equals("*") ? OptionalInt.empty()
                : OptionalInt.of((int) c.number(pt, "rtcp-fb payload type", 0, 127));
        String type = c.field("rtcp-fb type");
        Optional<String> params = c.atEnd() ? Optional.empty() : Optional.of(c.rest());
        return c.build(() -> new RtcpFb(payload, type, params));
    }

    private Ssrc ssrc() {
        long ssrc = c.number("ssrc", 0, 0xFFFF_FFFFL);
        c.mark();
        String rest = c.restRequired("ssrc attribute");
        int colon = rest.indexOf(':');
        String attribute = colon < 0 ? rest : rest.substring(0, colon);
        Optional<String> value = colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1));
        return c.build(() -> new Ssrc(ssrc, attribute, value));
    }

    private SsrcGroup ssrcGroup() {
        String semantics = c.field("ssrc-group semantics");
        List<Long> ssrcs = new ArrayList<>(3);
        while (!c.atEnd()) {
            ssrcs.add(c.number("ssrc-group ssrc", 0, 0xFFFF_FFFFL));
        }
        return c.build(() -> new SsrcGroup(semantics, ssrcs));
    }

    private org.jinglegateway.mapper.candidate.IceCandidate candidate() {
        try {
            var candidate = CandidateParser.parse(c.text(), c.pos());
            c.rest();
            return candidate;
        } catch (CandidateParseException e) {
            throw new SdpParseException(Kind.BAD_VALUE, c.lineNumber(), e.column(), c.text(), e.detail());
        }
    }

    private SctpMap sctpmap() {
        int number = c.integer("sctpmap number", 0, 65535);
        String app = c.field("sctpmap app");
        OptionalInt streams = c.atEnd() ? OptionalInt.empty()
                : OptionalInt.of(c.integer("sctpmap streams", 0, 65535));
        return c.build(() -> new SctpMap(number, app, streams));
    }

    private Crypto crypto() {
        int tag = c.integer("crypto tag", 0, 999_999_999);
        String suite = c.field("crypto suite");
        String key = c.field("crypto key params");
        List<String> params = new ArrayList<>(0);
        while (!c.atEnd()) {
            params.add(c.field("crypto session param"));
        }
        return c.build(() -> new Crypto(tag, suite, key, params));
    }

    private Rid rid() {
        String id = c.field("rid id");
        String d = c.field("rid direction");
        RidDirection direction = RidDirection.of(d).orElseThrow(() -> c.failField(Kind.BAD_VALUE,
                "rid direction must be one of " + RidDirection.ALLOWED + ", found " + Checks.quote(d)));
        Optional<String> restrictions = c.atEnd() ? Optional.empty() : Optional.of(c.field("rid restrictions"));
        return c.build(() -> new Rid(id, direction, restrictions));
    }

    private Simulcast simulcast() {
        Optional<String> send = Optional.empty();
        Optional<String> recv = Optional.empty();
        do {
            String d = c.field("simulcast direction");
            boolean isSend = d.equals("send");
            if (!isSend && !d.equals("recv")) {
                throw c.failField(Kind.BAD_VALUE, "simulcast direction must be one of send, recv, found "
                        + Checks.quote(d));
            }
            if (isSend ? send.isPresent() : recv.isPresent()) {
                throw c.failField(Kind.DUPLICATE, "simulcast " + d + " must appear at most once");
            }
            String list = c.field("simulcast " + d + " streams");
            if (list.startsWith("rid=")) {
                log.applied(Leniency.SIMULCAST_DRAFT_RID_PREFIX, c.lineNumber());
                list = list.substring(4);
            }
            String streams = list;
            Optional<String> value = Optional.of(c.build(() -> Checks.field(streams, "simulcast streams")));
            if (isSend) {
                send = value;
            } else {
                recv = value;
            }
        } while (!c.atEnd());
        Optional<String> s = send;
        Optional<String> r = recv;
        return c.build(() -> new Simulcast(s, r));
    }

    private UnknownAttribute unknown(String name, boolean hasValue) {
        Optional<String> value = hasValue ? Optional.of(c.rest()) : Optional.empty();
        return c.build(2, () -> new UnknownAttribute(name, value));
    }
}
