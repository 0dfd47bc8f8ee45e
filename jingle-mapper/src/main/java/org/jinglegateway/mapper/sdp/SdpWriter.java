package org.jinglegateway.mapper.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} canonically (RFC 8866 §5): CRLF line ends, the RFC's line order, the
 * attributes in model order. A browser's SDP read by {@link SdpParser} writes back byte for byte.
 */
public final class SdpWriter {
    private SdpWriter() {
    }

    public static String write(SessionDescription sdp) {
        // sized from the line count (about 48 characters a line in browser SDP): no regrowth on a BUNDLE offer
        int lines = 8 + sdp.attributes().size();
        for (MediaDescription m : sdp.media()) {
            lines += 4 + m.attributes().size();
        }
        StringBuilder b = new StringBuilder(lines * 48);
        line(b, 'v', "0");
        line(b, 'o', sdp.origin().toString());
        line(b, 's', sdp.sessionName());
        others(b, sdp.others(), "iuep");
        sdp.connection().ifPresent(c -> line(b, 'c', c.toString()));
        for (Bandwidth bw : sdp.bandwidths()) {
            line(b, 'b', bw.toString());
        }
        for (Timing t : sdp.timings()) {
            line(b, 't', t.toString());
        }
        others(b, sdp.others(), "rzk");
        attributes(b, sdp.attributes());
        for (MediaDescription m : sdp.media()) {
            b.append("m=").append(m.media()).append(' ').append(m.port());
            m.portCount().ifPresent(n -> b.append('/').append(n));
            b.append(' ').append(m.protocol());
            for (String f : m.formats()) {
                b.append(' ').append(f);
            }
            b.append("\r\n");
            others(b, m.others(), "i");
            m.connection().ifPresent(c -> line(b, 'c', c.toString()));
            for (Bandwidth bw : m.bandwidths()) {
                line(b, 'b', bw.toString());
            }
            others(b, m.others(), "k");
            attributes(b, m.attributes());
        }
        return b.toString();
    }

    private static void attributes(StringBuilder b, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            b.append("a=").append(a.name());
            if (a.value().isPresent()) {
                b.append(':').append(a.value().get());
            }
            b.append("\r\n");
        }
    }

    private static void others(StringBuilder b, List<OtherLine> others, String types) {
        for (OtherLine o : others) {
            if (types.indexOf(o.type()) >= 0) {
                line(b, o.type(), o.value());
            }
        }
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append("\r\n");
    }
}
