package org.jinglegateway.mapper.jingle;

/** The XML namespaces of the Jingle stack, each written once. */
public final class Namespaces {
    /** XEP-0166 */
    public static final String JINGLE = "urn:xmpp:jingle:1";
    /** XEP-0166 §10 */
    public static final String JINGLE_ERRORS = "urn:xmpp:jingle:errors:1";
    /** XEP-0167 */
    public static final String RTP = "urn:xmpp:jingle:apps:rtp:1";
    /** XEP-0167 §7 session-info */
    public static final String RTP_INFO = "urn:xmpp:jingle:apps:rtp:info:1";
    /** XEP-0176 */
    public static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";
    /** XEP-0320 */
    public static final String DTLS = "urn:xmpp:jingle:apps:dtls:0";
    /** XEP-0293 */
    public static final String RTCP_FB = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
    /** XEP-0294 */
    public static final String HDREXT = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
    /** XEP-0338 */
    public static final String GROUPING = "urn:xmpp:jingle:apps:grouping:0";
    /** XEP-0339 */
    public static final String SSMA = "urn:xmpp:jingle:apps:rtp:ssma:0";
    /** XEP-0343 (old draft form) */
    public static final String DTLS_SCTP = "urn:xmpp:jingle:transports:dtls-sctp:1";
    /** XEP-0353 */
    public static final String JMI = "urn:xmpp:jingle-message:0";

    private Namespaces() {
    }
}
