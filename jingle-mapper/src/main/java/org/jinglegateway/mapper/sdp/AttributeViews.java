package org.jinglegateway.mapper.sdp;

import java.util.Map;
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

    private static final Map<String, Function<String, Object>> VIEWS = Map.ofEntries(
            Map.entry("rtpmap", RtpMap::parse),
            Map.entry("fmtp", Fmtp::parse),
            Map.entry("rtcp-fb", RtcpFb::parse),
            Map.entry("extmap", ExtMap::parse),
            Map.entry("fingerprint", Fingerprint::parse),
            Map.entry("ssrc", Ssrc::parse),
            Map.entry("ssrc-group", SsrcGroup::parse),
            Map.entry("group", Group::parse),
            Map.entry("setup", Setup::of),
            Map.entry("candidate", CandidateParser::parseAttributeValue),
            // values that go into Jingle as they are: checked here as JingleToSdp checks them on the way back, so
            // that whatever the parser accepts the mapper can write and read again
            Map.entry("ice-ufrag", v -> Checks.field(v, "ice-ufrag")),
            Map.entry("ice-pwd", v -> Checks.field(v, "ice-pwd")),
            Map.entry("mid", v -> Checks.token(v, "mid")),
            Map.entry("msid", Msid::parse));

    private AttributeViews() {
    }

    /**
     * The typed value of an attribute, e.g. an {@link RtpMap} for {@code a=rtpmap}, or {@link #NONE}.
     *
     * @throws IllegalArgumentException when the value breaks the attribute's grammar
     */
    public static Object view(String name, String value) {
        Function<String, Object> parse = VIEWS.get(name);
        return parse == null ? NONE : parse.apply(value);
    }

    /** The same for an attribute of a model. */
    public static Object view(Attribute a) {
        return view(a.name(), a.valueOrEmpty());
    }
}
