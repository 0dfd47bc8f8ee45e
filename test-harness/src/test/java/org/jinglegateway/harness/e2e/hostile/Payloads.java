package org.jinglegateway.harness.e2e.hostile;

import org.jinglegateway.harness.e2e.Fixtures;

/**
 * What the attacks send, and the client fixtures the bystander call is made of (Conversations' Jingle,
 * Chrome's SDP, from jingle-mapper's fixtures, read through the e2e package's Fixtures).
 */
final class Payloads {
    /** U+0001: XML 1.0 §2.2 allows no C0 control but tab, LF and CR, so no XMPP server takes it in a stanza. */
    static final String CONTROL = "\u0001";

    private Payloads() {
    }

    /** A fixture's text, e.g. {@code chrome/audio-offer.sdp}. */
    static String read(String name) {
        return Fixtures.read(name);
    }

    /** The {@code <jingle>} element of a fixture's {@code <iq>}, with the sid replaced. */
    static String jingle(String name, String sid) {
        return Fixtures.jingle(name, sid);
    }

    /** A one-m-line SDP whose {@code a=mid} (and BUNDLE group) becomes this mid. */
    static String withMid(String sdp, String mid) {
        return Fixtures.withMid(sdp, mid);
    }

    /** The first {@code a=mid} value of an SDP. */
    static String firstMid(String sdp) {
        return Fixtures.firstMid(sdp);
    }

    /** A transport-info with one host candidate (Conversations' shape) on this port, for content "0". */
    static String transportInfo(String sid, int port) {
        return "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='" + sid + "'>"
                + "<content creator='initiator' name='0'>"
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='nG8z' pwd='q92hQi8EZE7TOQftlFWUGmgD'>"
                + "<candidate component='1' foundation='" + port + "' generation='0' id='c" + port + "' ip='192.0.2.2'"
                + " port='" + port + "' priority='2122194687' protocol='udp' type='host'/>"
                + "</transport></content></jingle>";
    }

    // ---- XMPP side --------------------------------------------------------------------------------------------

    /**
     * A {@code <jingle>} child for an IQ whose stanza is {@code depth} elements deep counting the {@code <iq>} itself
     * (iq, jingle, then nested {@code <n>}), about {@code bytes} long.
     */
    static String deepJingle(String sid, int depth, int bytes) {
        String open = "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='" + sid + "'>";
        return open + deepElement(depth - 2, bytes - open.length() - "</jingle>".length()) + "</jingle>";
    }

    /** {@code levels} nested {@code <n>} elements (the first declares a namespace), padded to about {@code bytes}. */
    static String deepElement(int levels, int bytes) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            open.append(i == 0 ? "<n xmlns='urn:example:hostile:deep'>" : "<n>");
            close.append("</n>");
        }
        int pad = Math.max(0, bytes - open.length() - close.length());
        return open + "x".repeat(pad) + close;
    }

    /** One element with {@code count} empty attributes {@code a0='' a1='' ...}. */
    static String manyAttributes(int count) {
        StringBuilder x = new StringBuilder("<x xmlns='urn:example:hostile:attributes'");
        for (int i = 0; i < count; i++) {
            x.append(" a").append(i).append("=''");
        }
        return x.append("/>").toString();
    }

    /** One element with {@code children} empty {@code <y/>} children: 4 bytes each on the wire. */
    static String wideElement(int children) {
        return "<x xmlns='urn:example:hostile:wide'>" + "<y/>".repeat(children) + "</x>";
    }

    // ---- browser side -----------------------------------------------------------------------------------------

    /** Where in Chrome's audio offer U+0001 goes: into a value the gateway copies into the Jingle XML. */
    enum SdpSpot {
        SSRC_CNAME("a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr", "a=ssrc:3918765500 cname:tTRmVnn" + CONTROL
                + "SoGMFXvZr"),
        FMTP("a=fmtp:111 minptime=10;useinbandfec=1", "a=fmtp:111 minptime=10;useinbandfec=1" + CONTROL),
        MID("a=mid:0\r", "a=mid:0" + CONTROL + "\r"),
        ICE_UFRAG("a=ice-ufrag:nG8z", "a=ice-ufrag:nG8z" + CONTROL);

        private final String line;
        private final String poisoned;

        SdpSpot(String line, String poisoned) {
            this.line = line;
            this.poisoned = poisoned;
        }

        /** Chrome's audio offer with U+0001 in this spot (a mid is renamed in the BUNDLE group too). */
        String offer() {
            String sdp = read("chrome/audio-offer.sdp");
            if (!sdp.contains(line)) {
                throw new IllegalStateException("chrome/audio-offer.sdp has no \"" + line.strip() + "\"");
            }
            String out = sdp.replace(line, poisoned);
            return this == MID ? out.replace("a=group:BUNDLE 0\r", "a=group:BUNDLE 0" + CONTROL + "\r") : out;
        }
    }

    /**
     * Chrome's audio offer with {@code count} host candidates added to its m-line: about 60 bytes of SDP each, so 4000
     * make a frame just under the gateway's 256 KiB frame limit and a Jingle stanza well over Prosody's 512 KiB one.
     */
    static String offerWithCandidates(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("a=candidate:").append(i).append(" 1 udp 2122260223 10.").append(i >> 8 & 0xff).append('.')
                    .append(i & 0xff).append(".1 ").append(10000 + i).append(" typ host\r\n");
        }
        String sdp = read("chrome/audio-offer.sdp");
        // candidates go after the m-line's ICE attributes, as Chrome puts them once gathering is done
        return sdp.replace("a=ice-options:trickle\r\n", "a=ice-options:trickle\r\n" + lines);
    }
}
