package org.jinglegateway.mapper.jingle;

import static org.jinglegateway.mapper.jingle.JingleNames.CREATOR;
import static org.jinglegateway.mapper.jingle.JingleNames.NAME;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dom4j.Element;

/**
 * An XEP-0167 §7 session-info payload ({@code urn:xmpp:jingle:apps:rtp:info:1}): active, hold, unhold,
 * mute/unmute (with the content's creator and name), ringing. A typed view over a session-info's
 * {@link Jingle#extra()}, where the reader keeps them.
 */
public record RtpInfo(Kind kind, Optional<Creator> creator, Optional<String> name) {

    /** The six XEP-0167 informational messages. */
    public enum Kind {
        ACTIVE("active"), HOLD("hold"), UNHOLD("unhold"), MUTE("mute"), UNMUTE("unmute"), RINGING("ringing");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    public RtpInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(name, "name");
    }

    public static RtpInfo of(Kind kind) {
        return new RtpInfo(kind, Optional.empty(), Optional.empty());
    }

    /** The RTP session-info payloads of a Jingle action, in order; other payloads are skipped. */
    public static List<RtpInfo> of(Jingle jingle) throws JingleParseException {
        List<RtpInfo> out = new ArrayList<>();
        for (RawXml x : jingle.extra()) {
            Element e = StaxDom.parse(x.xml());
            if (!Namespaces.RTP_INFO.equals(e.getNamespaceURI())) {
                continue;
            }
            for (Kind k : Kind.values()) {
                if (k.token.equals(e.getName())) {
                    Optional<Creator> creator = Optional.empty();
                    String c = e.attributeValue(CREATOR);
                    if (c != null) {
                        try {
                            creator = Optional.of(Creator.of(c));
                        } catch (IllegalArgumentException ex) {
                            throw new JingleParseException(JingleParseException.Kind.BAD_VALUE, "/jingle/" + k.token
                                    + "/@creator", ex.getMessage());
                        }
                    }
                    out.add(new RtpInfo(k, creator, Optional.ofNullable(e.attributeValue(NAME))));
                }
            }
        }
        return out;
    }

    /** This payload as the raw element a session-info {@link Jingle} carries in {@code extra}. */
    public RawXml toRaw() {
        StringSink s = new StringSink();
        s.start(kind.token, Namespaces.RTP_INFO);
        creator.ifPresent(c -> s.attribute(CREATOR, c.token()));
        name.ifPresent(n -> s.attribute(NAME, n));
        s.end();
        return new RawXml(s.result());
    }
}
