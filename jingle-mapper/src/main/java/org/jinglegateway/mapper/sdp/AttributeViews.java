package org.jinglegateway.mapper.sdp;

import java.util.function.Function;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.internal.Checks;

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

    /** Open addressing by the name's hash; a power of two at least twice the number of names. */
    private static final Known[] TABLE = new Known[64];

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
        int i = slot(hash(name, 0, name.length()));
        while (TABLE[i] != null) {
            i = (i + 1) & (TABLE.length - 1);
        }
        TABLE[i] = new Known(name, parse);
    }

    /** The known name {@code text[from, to)}, or null: no string is made. */
    static Known find(String text, int from, int to) {
        int length = to - from;
        for (int i = slot(hash(text, from, to)); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
            String name = TABLE[i].name;
            if (name.length() == length && text.startsWith(name, from)) {
                return TABLE[i];
            }
        }
        return null;
    }

    /** Whether this very string is one of the known names (identity: a copy of one is not, and is checked). */
    static boolean isKnownName(String name) {
        for (int i = slot(name.hashCode()); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
            if (TABLE[i].name == name) {
                return true;
            }
        }
        return false;
    }

    /** {@link String#hashCode} of {@code text[from, to)}, so that a name's own (cached) hash finds the same slot. */
    private static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private static int slot(int hash) {
        return (hash ^ hash >>> 7 ^ hash >>> 16) & (TABLE.length - 1);
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
