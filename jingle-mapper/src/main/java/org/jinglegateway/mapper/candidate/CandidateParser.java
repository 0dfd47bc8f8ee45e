package org.jinglegateway.mapper.candidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.XmlChars;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.internal.Fields;

/**
 * Reads the ICE candidate grammar of RFC 8839 §5.1: the value of an {@code a=candidate} line and the
 * {@code candidate} string of an RTCIceCandidateInit ({@code candidate:...}). Every field is kept: raddr/rport,
 * tcptype (RFC 6544), and the libwebrtc extensions generation, network-id (typed) and ufrag, network-cost and any
 * other pair (in order). Host names, mDNS {@code .local} names included, are kept as addresses. Failures are
 * IllegalArgumentExceptions naming the field; callers add the position.
 */
public final class CandidateParser {
    private static final String PREFIX = "candidate:";

    private CandidateParser() {
    }

    /** Parses {@code candidate:<foundation> ...} as in RTCIceCandidateInit; {@code a=candidate:} is accepted. */
    public static IceCandidate parseInitString(String candidate) {
        int bad = XmlChars.firstForbidden(candidate);
        if (bad >= 0) {
            // refused where it enters: no field of a candidate may carry it into a <candidate/> attribute
            throw new IllegalArgumentException("candidate " + fieldAt(candidate, bad) + " contains "
                    + XmlChars.name(candidate.charAt(bad)) + " at index " + bad + ", which XML 1.0 forbids");
        }
        String s = candidate.startsWith("a=") ? candidate.substring(2) : candidate;
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException("an ICE candidate string starts with \"candidate:\", found "
                    + Checks.quote(candidate));
        }
        return parseAttributeValue(s.substring(PREFIX.length()));
    }

    /** Parses the value of {@code a=candidate:} (after the colon). */
    public static IceCandidate parseAttributeValue(String value) {
        String[] f = value.split(" ", -1);
        if (f.length < 8 || !"typ".equals(f[6])) {
            throw new IllegalArgumentException("a candidate needs <foundation> <component> <transport> <priority>"
                    + " <address> <port> typ <type>, found " + Checks.quote(value));
        }
        if ((f.length - 8) % 2 != 0) {
            throw new IllegalArgumentException("candidate extensions come in name/value pairs, found "
                    + Checks.quote(value));
        }
        int component = (int) number(f[1], 1, 256, "candidate component");
        long priority = number(f[3], 0, 0xFFFF_FFFFL, "candidate priority");
        int port = (int) number(f[5], 0, 65535, "candidate port");
        String relAddr = null;
        int relPort = -1;
        Optional<TcpType> tcpType = Optional.empty();
        OptionalInt generation = OptionalInt.empty();
        OptionalInt network = OptionalInt.empty();
        List<ExtensionPair> extensions = new ArrayList<>();
        for (int i = 8; i < f.length; i += 2) {
            String name = f[i];
            String v = f[i + 1];
            switch (name) {
                case "raddr" -> relAddr = v;
                case "rport" -> relPort = (int) number(v, 0, 65535, "candidate rport");
                case "tcptype" -> tcpType = Optional.of(TcpType.of(v).orElseThrow(() -> new IllegalArgumentException(
                        "tcptype must be active, passive or so, found " + Checks.quote(v))));
                case "generation" -> generation = OptionalInt.of((int) number(v, 0, Integer.MAX_VALUE,
                        "candidate generation"));
                case "network-id" -> network = OptionalInt.of((int) number(v, 0, Integer.MAX_VALUE,
                        "candidate network-id"));
                default -> extensions.add(new ExtensionPair(name, v));
            }
        }
        Optional<Related> related = Optional.empty();
        if (relAddr != null || relPort >= 0) {
            if (relAddr == null || relPort < 0) {
                throw new IllegalArgumentException("raddr and rport go together, found " + Checks.quote(value));
            }
            related = Optional.of(new Related(relAddr, relPort));
        }
        return new IceCandidate(f[0], component, CandidateTransport.of(f[2]), priority, f[4], port,
                CandidateType.of(f[7]), related, tcpType, generation, network, Optional.empty(), extensions);
    }

    /** The field of an RTCIceCandidateInit candidate string that index {@code at} falls in. */
    private static String fieldAt(String candidate, int at) {
        int colon = candidate.indexOf(':');
        return colon < 0 || at <= colon ? "prefix" : Fields.candidate(candidate.substring(colon + 1), at - colon - 1);
    }

    private static long number(String s, long min, long max, String field) {
        long n = org.jinglegateway.mapper.internal.Decimals.parse(s).orElseThrow(() -> new IllegalArgumentException(
                field + " must be a number, found " + Checks.quote(s)));
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " must be " + min + "-" + max + ", found " + n);
        }
        return n;
    }
}
