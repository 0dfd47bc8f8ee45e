package org.jinglegateway.mapper.candidate;

/**
 * Writes an {@link IceCandidate} as the value of {@code a=candidate} or as an RTCIceCandidateInit {@code candidate}
 * string (RFC 8839 §5.1), in libwebrtc's field order: {@code raddr}, {@code rport}, {@code tcptype},
 * {@code generation}, a {@code ufrag} extension, {@code network-id}, then the other extension pairs in order.
 * The XEP-0176 {@code id} has no SDP form and is not written.
 */
public final class CandidateWriter {
    private CandidateWriter() {
    }

    /** {@code candidate:<value>}, for RTCIceCandidateInit. */
    public static String writeInit(IceCandidate c) {
        StringBuilder b = new StringBuilder(128).append("candidate:");
        appendValue(b, c);
        return b.toString();
    }

    /** The value of an {@code a=candidate} line. */
    public static String writeValue(IceCandidate c) {
        StringBuilder b = new StringBuilder(120);
        appendValue(b, c);
        return b.toString();
    }

    /** Appends the value of an {@code a=candidate} line. */
    public static void appendValue(StringBuilder b, IceCandidate c) {
        b.append(c.foundation()).append(' ').append(c.component()).append(' ').append(c.transport().token())
                .append(' ').append(c.priority()).append(' ').append(c.address()).append(' ').append(c.port())
                .append(" typ ").append(c.type().token());
        c.related().ifPresent(r -> b.append(" raddr ").append(r.address()).append(" rport ").append(r.port()));
        c.tcpType().ifPresent(t -> b.append(" tcptype ").append(t.token()));
        c.generation().ifPresent(g -> b.append(" generation ").append(g));
        int firstUfrag = -1;
        for (int i = 0; i < c.extensions().size(); i++) {
            if (c.extensions().get(i).name().equals("ufrag")) {
                firstUfrag = i;
                pair(b, c.extensions().get(i));
                break;
            }
        }
        c.network().ifPresent(n -> b.append(" network-id ").append(n));
        for (int i = 0; i < c.extensions().size(); i++) {
            if (i != firstUfrag) {
                pair(b, c.extensions().get(i));
            }
        }
    }

    private static void pair(StringBuilder b, ExtensionPair p) {
        b.append(' ').append(p.name()).append(' ').append(p.value());
    }
}
