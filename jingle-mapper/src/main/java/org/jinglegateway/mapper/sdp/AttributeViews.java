package org.jinglegateway.mapper.sdp;

import java.util.function.Function;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.internal.NameTable;

/**
 * The typed views of the attribute values this library reads (RFC 8866 §6 and the WebRTC RFCs), one grammar per
 * name. {@link SdpParser} checks every such value while it knows the line, and can hand the views it made to the
 * translation ({@link TypedSdp}) so that no value is parsed twice.
 */
public final class AttributeViews {
    /** What {@link #view} gives for an attribute with no typed view (a flag, or a name read as plain text). */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "no view";
        }
    };

    /**
     * An attribute name the parser meets often: its one string (so that the parser cuts no name out of the text
     * and every later look-up by name finds its hash made) and the grammar of its value, or null when it has no
     * typed view.
     */
    record Known(String name, Function<String, Object> parse) {
    }

    /** The known names, by their index in {@link #KNOWN}. */
    private static final NameTable TABLE = new NameTable(64);
    private static final Known[] KNOWN = new Known[64];
    private static int count;

    static {
        known("rtpmap", RtpMap::parse);
        known("fmtp", Fmtp::parse);
        known("rtcp-fb", RtcpFb::parse);
        known("extmap", ExtMap::parse);
        known("fingerprint", Fingerprint::parse);
        known("ssrc", Ssrc::parse);
        known("ssrc-group", SsrcGroup::parse);
        known("group", Group::parse);
        known("setup", Setup::of);
        known("candidate", CandidateParser::parseAttributeValue);
        // values that go into Jingle as they are: checked here as JingleToSdp checks them on the way back, so
        // that whatever the parser accepts the mapper can write and read again
        known("ice-ufrag", v -> Checks.field(v, "ice-ufrag"));
        known("ice-pwd", v -> Checks.field(v, "ice-pwd"));
        known("mid", v -> Checks.token(v, "mid"));
        known("msid", Msid::parse);
        // names without a typed view that browsers write in every offer
        for (String name : new String[] {"ice-options", "extmap-allow-mixed", "msid-semantic", "sendrecv", "sendonly",
            "recvonly", "inactive", "rtcp-mux", "rtcp-rsize", "rtcp", "rtcp-xr", "sctp-port", "max-message-size",
            "ptime", "maxptime", "crypto", "rid", "simulcast", "end-of-candidates", "ice-lite", "bundle-only",
            "sctpmap", "tls-id"}) {
            if (find(name, 0, name.length()) == null) {
                known(name, null);
            }
        }
    }

    private AttributeViews() {
    }

    private static void known(String name, Function<String, Object> parse) {
        KNOWN[count] = new Known(name, parse);
        TABLE.put(name, count++);
    }

    /** The known name {@code text[from, to)}, or null: no string is made. */
    static Known find(String text, int from, int to) {
        int i = TABLE.find(text, from, to, -1);
        return i < 0 ? null : KNOWN[i];
    }

    /** Whether this very string is one of the known names (identity: a copy of one is not, and is checked). */
    static boolean isKnownName(String name) {
        return TABLE.findSame(name, -1) >= 0;
    }

    /**
     * The typed value of an attribute, e.g. an {@link RtpMap} for {@code a=rtpmap}, or {@link #NONE}.
     *
     * @throws IllegalArgumentException when the value breaks the attribute's grammar
     */
    public static Object view(String name, String value) {
        return view(find(name, 0, name.length()), value);
    }

    /** The same for a name already looked up ({@link #find}; null when unknown). */
    static Object view(Known known, String value) {
        return known == null || known.parse == null ? NONE : known.parse.apply(value);
    }

    /** The same for an attribute of a model. */
    public static Object view(Attribute a) {
        return view(a.name(), a.valueOrEmpty());
    }
}
