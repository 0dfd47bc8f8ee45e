package org.jinglegateway.mapper.candidate;

/**
 * Writes the RFC 8839 §5.1 grammar. Optional fields come in libwebrtc's order (raddr, rport, tcptype,
 * generation, ufrag, network-id, then the other extensions as read), so a browser's candidate writes back as it
 * came.
 */
public final class CandidateWriter {
    private CandidateWriter() {
    }

    /** The value of {@code a=candidate:}. */
    public static String attributeValue(IceCandidate c) {
        StringBuilder b = new StringBuilder(128);
        b.append(c.foundation()).append(' ').append(c.component()).append(' ').append(c.transport().token())
                .append(' ').append(c.priority()).append(' ').append(c.address()).append(' ').append(c.port())
                .append(" typ ").append(c.type().token());
        c.related().ifPresent(r -> b.append(" raddr ").append(r.address()).append(" rport ").append(r.port()));
        c.tcpType().ifPresent(t -> b.append(" tcptype ").append(t.token()));
        c.generation().ifPresent(g -> b.append(" generation ").append(g));
        for (ExtensionPair e : c.extensions()) {
            if (e.name().equals("ufrag")) {
                b.append(' ').append(e.name()).append(' ').append(e.value());
            }
        }
        c.network().ifPresent(n -> b.append(" network-id ").append(n));
        for (ExtensionPair e : c.extensions()) {
            if (!e.name().equals("ufrag")) {
                b.append(' ').append(e.name()).append(' ').append(e.value());
            }
        }
        return b.toString();
    }

    /** The {@code candidate} string of an RTCIceCandidateInit. */
    public static String initString(IceCandidate c) {
        return "candidate:" + attributeValue(c);
    }
}
