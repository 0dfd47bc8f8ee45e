package org.jinglegateway.mapper.jingle;

/**
 * Every Jingle wire name, written once: the elements ({@link Tag}, each with its namespace from {@link Namespaces})
 * and the attributes. {@link JingleReader} and {@link JingleWriter} (and {@link JingleMessages}, {@link RtpInfo},
 * the SDES mapping) read and write through these, so a name cannot be spelt one way when read and another when
 * written; {@code JingleNamesTest} fails when a name literal turns up in both a reader and a writer.
 */
public final class JingleNames {
    // ---- attributes (XEP-0166 §7, XEP-0167 §5, XEP-0176 §5, XEP-0293/0294/0320/0338/0339/0343/0353)

    /** jingle (XEP-0166 §7.1) */
    public static final String ACTION = "action";
    public static final String SID = "sid";
    public static final String INITIATOR = "initiator";
    public static final String RESPONDER = "responder";
    /** content (XEP-0166 §7.3); creator also on XEP-0167 mute/unmute */
    public static final String CREATOR = "creator";
    /** content, payload-type, parameter, group's content, mute/unmute */
    public static final String NAME = "name";
    public static final String DISPOSITION = "disposition";
    /** content (XEP-0166 §7.3), rtp-hdrext (XEP-0294) */
    public static final String SENDERS = "senders";
    /** description (XEP-0167 §5), XEP-0353 propose's description */
    public static final String MEDIA = "media";
    /** description, source (XEP-0339) */
    public static final String SSRC = "ssrc";
    /** bandwidth (XEP-0167 §5), rtcp-fb (XEP-0293), candidate (XEP-0176 §5.3) */
    public static final String TYPE = "type";
    /** parameter, rtcp-fb-trr-int */
    public static final String VALUE = "value";
    /** payload-type, rtp-hdrext, candidate, XEP-0353 messages */
    public static final String ID = "id";
    public static final String CLOCKRATE = "clockrate";
    public static final String CHANNELS = "channels";
    public static final String PTIME = "ptime";
    public static final String MAXPTIME = "maxptime";
    /** rtcp-fb (XEP-0293 §4) */
    public static final String SUBTYPE = "subtype";
    /** rtp-hdrext (XEP-0294 §4) */
    public static final String URI = "uri";
    /** group (XEP-0338), ssrc-group (XEP-0339) */
    public static final String SEMANTICS = "semantics";
    /** transport (XEP-0176 §5) */
    public static final String UFRAG = "ufrag";
    public static final String PWD = "pwd";
    /** fingerprint (XEP-0320 §3) */
    public static final String HASH = "hash";
    public static final String SETUP = "setup";
    /** fingerprint (XEP-0320), encryption (XEP-0167 §8) */
    public static final String REQUIRED = "required";
    /** sctpmap (XEP-0343 draft) */
    public static final String NUMBER = "number";
    /** sctpmap; candidate */
    public static final String PROTOCOL = "protocol";
    public static final String STREAMS = "streams";
    /** RFC 8841 §6's value on the sctpmap, so it survives the trip */
    public static final String MAX_MESSAGE_SIZE = "max-message-size";
    /** candidate (XEP-0176 §5.3), in the XEP's attribute order */
    public static final String COMPONENT = "component";
    public static final String FOUNDATION = "foundation";
    public static final String GENERATION = "generation";
    public static final String IP = "ip";
    public static final String NETWORK = "network";
    public static final String PORT = "port";
    public static final String PRIORITY = "priority";
    public static final String REL_ADDR = "rel-addr";
    public static final String REL_PORT = "rel-port";
    /** RFC 6544's tcptype, which XEP-0176 lacks, kept as Jitsi does */
    public static final String TCPTYPE = "tcptype";
    /** crypto (XEP-0167 §8) */
    public static final String TAG = "tag";
    public static final String CRYPTO_SUITE = "crypto-suite";
    public static final String KEY_PARAMS = "key-params";
    public static final String SESSION_PARAMS = "session-params";
    /** XEP-0353 migrated */
    public static final String TO = "to";
    /** The name of the XEP-0339 source parameter that carries RFC 8830's msid (a value, not an attribute). */
    public static final String SOURCE_MSID = "msid";

    private JingleNames() {
    }

    /** The elements: local name and namespace. */
    public enum Tag {
        JINGLE(Namespaces.JINGLE, "jingle"),
        CONTENT(Namespaces.JINGLE, "content"),
        REASON(Namespaces.JINGLE, "reason"),
        /** reason's text (XEP-0166 §7.4) */
        TEXT(Namespaces.JINGLE, "text"),
        DESCRIPTION(Namespaces.RTP, "description"),
        PAYLOAD_TYPE(Namespaces.RTP, "payload-type"),
        PARAMETER(Namespaces.RTP, "parameter"),
        BANDWIDTH(Namespaces.RTP, "bandwidth"),
        RTCP_MUX(Namespaces.RTP, "rtcp-mux"),
        /** SDES keys (XEP-0167 §8) */
        ENCRYPTION(Namespaces.RTP, "encryption"),
        CRYPTO(Namespaces.RTP, "crypto"),
        RTCP_FB(Namespaces.RTCP_FB, "rtcp-fb"),
        RTCP_FB_TRR_INT(Namespaces.RTCP_FB, "rtcp-fb-trr-int"),
        RTP_HDREXT(Namespaces.HDREXT, "rtp-hdrext"),
        HDREXT_PARAMETER(Namespaces.HDREXT, "parameter"),
        EXTMAP_ALLOW_MIXED(Namespaces.HDREXT, "extmap-allow-mixed"),
        SOURCE(Namespaces.SSMA, "source"),
        SOURCE_PARAMETER(Namespaces.SSMA, "parameter"),
        SSRC_GROUP(Namespaces.SSMA, "ssrc-group"),
        GROUP(Namespaces.GROUPING, "group"),
        GROUP_CONTENT(Namespaces.GROUPING, "content"),
        TRANSPORT(Namespaces.ICE_UDP, "transport"),
        CANDIDATE(Namespaces.ICE_UDP, "candidate"),
        /** StanzaJS's end of candidates, read only */
        GATHERING_COMPLETE(Namespaces.ICE_UDP, "gathering-complete"),
        FINGERPRINT(Namespaces.DTLS, "fingerprint"),
        SCTPMAP(Namespaces.DTLS_SCTP, "sctpmap"),
        MIGRATED(Namespaces.JMI, "migrated");

        private final String namespace;
        private final String local;

        Tag(String namespace, String local) {
            this.namespace = namespace;
            this.local = local;
        }

        public String namespace() {
            return namespace;
        }

        /** The local name. */
        public String local() {
            return local;
        }

        /** Whether serialised XML ({@link RawXml}) starts with this element's name, unprefixed. */
        public boolean startsOf(String xml) {
            return !xml.isEmpty() && xml.charAt(0) == '<' && xml.startsWith(local, 1);
        }
    }
}
