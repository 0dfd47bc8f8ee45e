package org.jinglegateway.mapper.candidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jinglegateway.mapper.internal.Checks;

/**
 * Reads an ICE candidate (RFC 8839 §5.1): the value of {@code a=candidate} or the {@code candidate} string of an
 * RTCIceCandidateInit ({@code candidate:842163049 1 udp ...}). Every field is kept: raddr/rport, tcptype
 * (RFC 6544 §4.5), libwebrtc's {@code generation} and {@code network-id}, and all other extension pairs
 * ({@code ufrag}, {@code network-cost}, ...) in order. Addresses may be host names, mDNS {@code .local} names
 * included. The transport is looked up case-insensitively ({@code UDP} reads as udp).
 */
public final class CandidateParser {
    private static final String PREFIX = "candidate:";

    private CandidateParser() {
    }

    /** Parses an RTCIceCandidateInit {@code candidate} string, which starts with {@code candidate:}. */
    public static IceCandidate parseInit(String candidate) {
        if (!candidate.startsWith(PREFIX)) {
            throw new CandidateParseException(CandidateParseException.Kind.BAD_VALUE, 1, candidate,
                    "an ICE candidate must start with \"candidate:\", found " + Checks.quote(candidate));
        }
        return parse(candidate, PREFIX.length());
    }

    /** Parses the value of an {@code a=candidate} line (the text after {@code candidate:}). */
    public static IceCandidate parseValue(String value) {
        return parse(value, 0);
    }

    /** Parses from {@code start} in {@code s}; error columns are relative to {@code s}. */
    public static IceCandidate parse(String s, int start) {
        Reader r = new Reader(s, start);
        String foundation = r.field("candidate foundation");
        r.check(() -> Checks.token(foundation, "candidate foundation"));
        int component = (int) r.number("candidate component", 1, 256);
        String transportText = r.field("candidate transport");
        CandidateTransport transport = r.check(() -> CandidateTransport.of(transportText));
        long priority = r.number("candidate priority", 0, 0xFFFF_FFFFL);
        String address = r.field("candidate address");
        int port = (int) r.number("candidate port", 0, 65535);
        String typ = r.field("\"typ\"");
        if (!typ.equals("typ")) {
            throw r.fail(CandidateParseException.Kind.BAD_VALUE, "expected \"typ\", found " + Checks.quote(typ));
        }
        String typeText = r.field("candidate type");
        CandidateType type = r.check(() -> CandidateType.of(typeText));
        return extensions(r, foundation, component, transport, priority, address, port, type);
    }

    private static IceCandidate extensions(Reader r, String foundation, int component, CandidateTransport transport,
                                           long priority, String address, int port, CandidateType type) {
        Optional<String> raddr = Optional.empty();
        OptionalInt rport = OptionalInt.empty();
        Optional<TcpType> tcpType = Optional.empty();
        OptionalInt generation = OptionalInt.empty();
        OptionalInt network = OptionalInt.empty();
        List<ExtensionPair> extensions = new ArrayList<>(4);
        int raddrAt = 0;
        while (!r.atEnd()) {
            String name = r.field("candidate extension name");
            String value = r.field(null, name);
            int valueAt = r.fieldStart;
            switch (name) {
                case "raddr" -> {
                    raddr = Optional.of(value);
                    raddrAt = valueAt;
                }
                case "rport" -> rport = OptionalInt.of((int) r.number(value, "candidate rport", 0, 65535));
                case "tcptype" -> {
                    tcpType = tcpType.isEmpty() ? TcpType.of(value) : tcpType;
                    if (tcpType.isEmpty() || !tcpType.get().token().equals(value)) {
                        extensions.add(r.check(() -> new ExtensionPair(name, value)));
                    }
                }
                case "generation" -> generation = intOrExtension(r, generation, name, value, extensions);
                case "network-id" -> network = intOrExtension(r, network, name, value, extensions);
                default -> extensions.add(r.check(() -> new ExtensionPair(name, value)));
            }
        }
        if (raddr.isPresent() != rport.isPresent()) {
            r.fieldStart = raddr.isPresent() ? raddrAt : r.start;
            throw r.fail(CandidateParseException.Kind.MISSING_FIELD, "raddr and rport must appear together");
        }
        Optional<Related> related = Optional.empty();
        if (raddr.isPresent()) {
            r.fieldStart = raddrAt;
            String ra = raddr.get();
            int rp = rport.getAsInt();
            related = Optional.of(r.check(() -> new Related(ra, rp)));
        }
        Optional<Related> rel = related;
        Optional<TcpType> tcp = tcpType;
        OptionalInt gen = generation;
        OptionalInt net = network;
        return r.check(() -> new IceCandidate(foundation, component, transport, priority, address, port, type,
                rel, tcp, gen, net, Optional.empty(), extensions));
    }

    /** generation/network-id as typed ints; a second one or one that is no int is kept as an extension pair. */
    private static OptionalInt intOrExtension(Reader r, OptionalInt current, String name, String value,
                                              List<ExtensionPair> extensions) {
        if (current.isEmpty() && !value.isEmpty() && value.length() <= 9 && isDigits(value)) {
            return OptionalInt.of(Integer.parseInt(value));
        }
        extensions.add(r.check(() -> new ExtensionPair(name, value)));
        return current;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A field reader over the candidate text. */
    private static final class Reader {
        final String s;
        final int start;
        int pos;
        int fieldStart;

        Reader(String s, int start) {
            this.s = s;
            this.start = start;
            this.pos = start;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        String field(String what) {
            return field(what, null);
        }

        /** A field; {@code what} names it, or (when null) it is the value of extension {@code extension}. */
        String field(String what, String extension) {
            fieldStart = pos;
            int end = s.indexOf(' ', pos);
            if (end < 0) {
                end = s.length();
            }
            if (end == pos) {
                throw fail(CandidateParseException.Kind.MISSING_FIELD, (what != null ? what
                        : "value of candidate extension " + Checks.quote(extension)) + " is missing");
            }
            String f = s.substring(pos, end);
            pos = end < s.length() ? end + 1 : end;
            return f;
        }

        long number(String what, long min, long max) {
            return number(field(what), what, min, max);
        }

        long number(String f, String what, long min, long max) {
            long v = 0;
            boolean ok = !f.isEmpty() && f.length() <= 18;
            for (int i = 0; ok && i < f.length(); i++) {
                char c = f.charAt(i);
                ok = c >= '0' && c <= '9';
                v = v * 10 + (c - '0');
            }
            if (!ok || v < min || v > max) {
                throw fail(CandidateParseException.Kind.BAD_NUMBER, what + " must be " + min + "-" + max
                        + ", found " + Checks.quote(f));
            }
            return v;
        }

        <T> T check(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                throw fail(CandidateParseException.Kind.BAD_VALUE, e.getMessage());
            }
        }

        void check(Runnable r) {
            check(() -> {
                r.run();
                return null;
            });
        }

        CandidateParseException fail(CandidateParseException.Kind kind, String detail) {
            return new CandidateParseException(kind, fieldStart + 1, s, detail);
        }
    }
}
