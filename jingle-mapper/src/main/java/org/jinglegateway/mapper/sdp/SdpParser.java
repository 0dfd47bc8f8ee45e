package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.XmlChars;
import org.jinglegateway.mapper.internal.Checks;

/**
 * Reads an SDP (RFC 8866 §5) into a {@link SessionDescription}, keeping every line in order. Values of the
 * attributes the translation reads (rtpmap, fmtp, rtcp-fb, extmap, candidate, ...) are checked here, so a bad
 * one is reported with its line and column. Lenient only through {@link Leniency}.
 */
public final class SdpParser {
    /**
     * The c= line of nearly every browser offer (RFC 8829 §5.2.1: ICE gives the real addresses): one record, made
     * and checked once, instead of three fields cut and checked per section.
     */
    private static final String UNSPECIFIED_IP4 = "IN IP4 0.0.0.0";
    private static final Connection UNSPECIFIED_IP4_CONNECTION = new Connection("IN", "IP4", "0.0.0.0");
    /** Up to this many formats on an m= line, duplicates are looked for by a scan of the list. */
    private static final int FEW_FORMATS = 64;

    private SdpParser() {
    }

    /** Parses a whole SDP. */
    public static Parsed<SessionDescription> parse(String text) throws SdpParseException {
        Run run = new Run(text);
        return new Parsed<>(run.parse(), run.notes);
    }

    /** Parses a whole SDP and keeps the typed view of every attribute it checked, for a translation. */
    public static Parsed<TypedSdp> parseTyped(String text) throws SdpParseException {
        Run run = new Run(text);
        SessionDescription sdp = run.parse();
        return new Parsed<>(new TypedSdp(sdp, run.sessionViews, run.mediaViews), run.notes);
    }

    /** One parse: position and notes. */
    private static final class Run {
        private final String text;
        private final List<MappingNote> notes = new ArrayList<>();
        /** The typed views made while checking, index by index with the attributes. */
        private final List<Object> sessionViews = new ArrayList<>();
        private final List<List<Object>> mediaViews = new ArrayList<>();
        private final Set<Leniency> applied = EnumSet.noneOf(Leniency.class);
        private int lineNumber;
        private int lineStart;
        private int lineEnd;
        /** The current line's text, cut from the input only when an error or a note needs it. */
        private String line;

        Run(String text) {
            this.text = text;
        }

        SessionDescription parse() {
            int version = -1;
            Origin origin = null;
            String sessionName = null;
            List<OtherLine> others = new ArrayList<>();
            Optional<Connection> connection = Optional.empty();
            List<Bandwidth> bandwidths = new ArrayList<>();
            List<Timing> timings = new ArrayList<>();
            List<Attribute> attributes = new ArrayList<>();
            List<MediaDescription> media = new ArrayList<>();
            MediaBuilder current = null;

            int pos = 0;
            int length = text.length();
            // CR found by an intrinsic scan of the whole text, then followed line by line; the first character XML
            // 1.0 forbids (NUL included) by one scan: it is refused in whatever line it stands
            int nextCr = text.indexOf('\r');
            int nextXml = XmlChars.firstForbidden(text, 0, length);
            while (pos < length) {
                int nl = text.indexOf('\n', pos);
                int end = nl < 0 ? length : nl;
                int next = nl < 0 ? length : nl + 1;
                boolean lfOnly = false;
                if (end > pos && text.charAt(end - 1) == '\r') {
                    end--;
                } else if (nl >= 0) {
                    lfOnly = true;
                }
                lineNumber++;
                if (lfOnly) {
                    lenient(Leniency.LF_LINE_ENDINGS);
                }
                int start = pos;
                pos = next;
                if (nextXml >= start && nextXml < end) {
                    // checked before trailing whitespace goes: U+000B, U+000C and U+001C-U+001F are whitespace too
                    lineStart = start;
                    lineEnd = end;
                    line = null;
                    throw error(SdpParseException.Kind.BAD_VALUE, nextXml - start + 1, SdpFields.at(line(),
                            nextXml - start) + " contains " + XmlChars.name(text.charAt(nextXml))
                            + ", which XML 1.0 forbids");
                }
                if (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                        end--;
                    }
                    lenient(Leniency.TRAILING_WHITESPACE);
                }
                lineStart = start;
                lineEnd = end;
                line = null;
                while (nextCr >= 0 && nextCr < start) {
                    nextCr = text.indexOf('\r', nextCr + 1);
                }
                if (nextCr >= 0 && nextCr < end) {
                    throw error(SdpParseException.Kind.SYNTAX, nextCr - start + 1, "a line must not contain a CR"
                            + " except right before its LF (RFC 8866 §5)");
                }
                if (end == start) {
                    if (pos < length) {
                        lenient(Leniency.BLANK_LINES);
                    }
                    continue;
                }
                char type = text.charAt(start);
                if (end - start < 2 || text.charAt(start + 1) != '=' || type < 'a' || type > 'z') {
                    throw error(SdpParseException.Kind.SYNTAX, 1, "expected <type>=<value> with a lower-case"
                            + " letter type, found " + quote(line()));
                }
                if (type == 'a' && version == 0) {
                    // the most common line: name and value cut straight from the text, no line string
                    Attribute a = attribute(start + 2, end, current != null ? mediaViews.get(mediaViews.size() - 1)
                            : sessionViews);
                    (current != null ? current.attributes : attributes).add(a);
                    continue;
                }
                String value = text.substring(start + 2, end);
                if (version < 0) {
                    if (type != 'v') {
                        throw error(SdpParseException.Kind.SYNTAX, 1, "an SDP must start with v=0");
                    }
                    if (!"0".equals(value)) {
                        throw error(SdpParseException.Kind.BAD_VALUE, 3, "v= must be 0, found " + quote(value));
                    }
                    version = 0;
                    continue;
                }
                if (type == 'm') {
                    if (current != null) {
                        media.add(current.build());
                    }
                    current = mediaLine(value);
                    mediaViews.add(new ArrayList<>(32));
                    continue;
                }
                if (current != null) {
                    switch (type) {
                        case 'c' -> current.connection = Optional.of(connection(value));
                        case 'b' -> current.bandwidths.add(bandwidth(value));
                        case 'i', 'k' -> current.others.add(checked(() -> new OtherLine(type, value), 3));
                        default -> throw error(SdpParseException.Kind.SYNTAX, 1, type
                                + "= is not allowed in a media section (RFC 8866 §5: only i, c, b, k, a)");
                    }
                    continue;
                }
                switch (type) {
                    case 'o' -> origin = origin(value);
                    // checked here, where the line is known: a lone CR inside the value must not escape later
                    case 's' -> sessionName = checked(() -> Checks.lineSafe(value, "s="), 3);
                    case 'c' -> connection = Optional.of(connection(value));
                    case 'b' -> bandwidths.add(bandwidth(value));
                    case 't' -> timings.add(timing(value));
                    case 'i', 'u', 'e', 'p', 'r', 'z', 'k' ->
                            others.add(checked(() -> new OtherLine(type, value), 3));
                    case 'v' -> throw error(SdpParseException.Kind.SYNTAX, 1, "a second v= line");
                    default -> throw error(SdpParseException.Kind.SYNTAX, 1, "unknown line type " + type
                            + "= (RFC 8866 §5)");
                }
            }
            if (current != null) {
                media.add(current.build());
            }
            lineNumber = 0;
            if (version < 0) {
                throw error(SdpParseException.Kind.MISSING_LINE, 0, "empty input: an SDP starts with v=0");
            }
            if (origin == null) {
                throw error(SdpParseException.Kind.MISSING_LINE, 0, "the o= line is missing (RFC 8866 §5.2)");
            }
            if (sessionName == null) {
                throw error(SdpParseException.Kind.MISSING_LINE, 0, "the s= line is missing (RFC 8866 §5.3)");
            }
            if (timings.isEmpty()) {
                throw error(SdpParseException.Kind.MISSING_LINE, 0, "the t= line is missing (RFC 8866 §5.9)");
            }
            String name = sessionName;
            Origin o = origin;
            Optional<Connection> c = connection;
            return checked(() -> new SessionDescription(0, o, name, others, c, bandwidths, timings, attributes,
                    media), 1);
        }

        private String line() {
            if (line == null) {
                line = text.substring(lineStart, lineEnd);
            }
            return line;
        }

        private void lenient(Leniency l) {
            if (applied.add(l)) {
                notes.add(new MappingNote(MappingNote.Kind.LENIENCY, "SDP line " + lineNumber, l.text()));
            }
        }

        private MediaBuilder mediaLine(String value) {
            String[] f = fields(value);
            if (f.length < 4) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, "m= needs <media> <port> <proto> <fmt> ...,"
                        + " found " + quote(value));
            }
            int column = 3 + f[0].length() + 1;
            String portField = f[1];
            OptionalInt count = OptionalInt.empty();
            int slash = portField.indexOf('/');
            if (slash >= 0) {
                count = OptionalInt.of(number(portField.substring(slash + 1), 1, 65535, "m= number of ports",
                        column + slash + 1));
                portField = portField.substring(0, slash);
            }
            int port = number(portField, 0, 65535, "m= port", column);
            MediaBuilder b = new MediaBuilder(lineNumber, text, lineStart, lineEnd);
            b.media = checked(() -> org.jinglegateway.mapper.internal.Checks.token(f[0], "m= media"), 3);
            b.port = port;
            b.portCount = count;
            b.protocol = f[2];
            int fmtColumn = 3 + f[0].length() + 1 + f[1].length() + 1 + f[2].length() + 1;
            // a browser's m= line has up to ~30 formats, found by a scan of the list; a longer one (an attacker's,
            // 50,000 formats in a frame) by a set, so that the duplicate check stays linear
            Set<String> seen = f.length - 3 > FEW_FORMATS ? new HashSet<>() : null;
            for (int i = 3; i < f.length; i++) {
                if (f[i].isEmpty()) {
                    throw error(SdpParseException.Kind.BAD_VALUE, 3, "m= has an empty format (two spaces?)");
                }
                if (seen != null ? !seen.add(f[i]) : b.formats.contains(f[i])) {
                    // a second payload type with one number could only merge with the first (XEP-0167 ids too)
                    throw error(SdpParseException.Kind.BAD_VALUE, fmtColumn, "m= lists format " + f[i]
                            + " twice (RFC 8866 §5.14)");
                }
                b.formats.add(f[i]);
                fmtColumn += f[i].length() + 1;
            }
            return b;
        }

        /** {@code a=} from {@code from} (after the {@code a=}) to {@code to}; its typed view goes to {@code views}. */
        private Attribute attribute(int from, int to, List<Object> views) {
            int colon = text.indexOf(':', from);
            boolean flag = colon < 0 || colon >= to;
            int nameEnd = flag ? to : colon;
            AttributeViews.Known known = AttributeViews.find(text, from, nameEnd);
            String name = known != null ? known.name() : text.substring(from, nameEnd);
            String value = flag ? "" : text.substring(colon + 1, to);
            Attribute a;
            try {
                a = new Attribute(name, flag ? Optional.empty() : Optional.of(value));
            } catch (IllegalArgumentException e) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, e.getMessage());
            }
            try {
                views.add(AttributeViews.view(known, value));
            } catch (IllegalArgumentException e) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3 + name.length() + 1, e.getMessage());
            }
            return a;
        }

        private Origin origin(String value) {
            String[] f = fields(value);
            if (f.length != 6) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, "o= needs 6 fields <username> <sess-id>"
                        + " <sess-version> <nettype> <addrtype> <unicast-address>, found " + f.length);
            }
            return checked(() -> new Origin(f[0], f[1], f[2], f[3], f[4], f[5]), 3);
        }

        private Connection connection(String value) {
            if (value.equals(UNSPECIFIED_IP4)) {
                return UNSPECIFIED_IP4_CONNECTION;
            }
            String[] f = fields(value);
            if (f.length != 3) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, "c= needs <nettype> <addrtype>"
                        + " <connection-address>, found " + quote(value));
            }
            return checked(() -> new Connection(f[0], f[1], f[2]), 3);
        }

        private Bandwidth bandwidth(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, "b= needs <bwtype>:<bandwidth>, found "
                        + quote(value));
            }
            String type = value.substring(0, colon);
            long bw = longNumber(value.substring(colon + 1), "b= bandwidth", 3 + colon + 1);
            return checked(() -> new Bandwidth(type, bw), 3);
        }

        private Timing timing(String value) {
            int space = value.indexOf(' ');
            if (space < 0) {
                throw error(SdpParseException.Kind.BAD_VALUE, 3, "t= needs <start-time> <stop-time>, found "
                        + quote(value));
            }
            long start = longNumber(value, 0, space, "t= start-time", 3);
            long stop = longNumber(value, space + 1, value.length(), "t= stop-time", 3 + space + 1);
            return new Timing(start, stop);
        }

        private int number(String s, int min, int max, String what, int column) {
            long n = longNumber(s, what, column);
            if (n < min || n > max) {
                throw error(SdpParseException.Kind.BAD_VALUE, column, what + " must be " + min + "-" + max
                        + ", found " + quote(s));
            }
            return (int) n;
        }

        private long longNumber(String s, String what, int column) {
            return longNumber(s, 0, s.length(), what, column);
        }

        /** The number {@code s[from, to)}, read in place. */
        private long longNumber(String s, int from, int to, String what, int column) {
            long n = org.jinglegateway.mapper.internal.Decimals.value(s, from, to);
            if (n < 0) {
                throw error(SdpParseException.Kind.BAD_VALUE, column, what + " must be a number, found "
                        + quote(s.substring(from, to)));
            }
            return n;
        }

        /** {@code value.split(" ", -1)} without the regex machinery's list: every space cuts, empty fields kept. */
        private static String[] fields(String value) {
            int count = 1;
            for (int i = value.indexOf(' '); i >= 0; i = value.indexOf(' ', i + 1)) {
                count++;
            }
            String[] f = new String[count];
            int start = 0;
            for (int k = 0; k < count - 1; k++) {
                int space = value.indexOf(' ', start);
                f[k] = value.substring(start, space);
                start = space + 1;
            }
            f[count - 1] = value.substring(start);
            return f;
        }

        private <T> T checked(java.util.function.Supplier<T> s, int column) {
            try {
                return s.get();
            } catch (IllegalArgumentException e) {
                throw error(SdpParseException.Kind.BAD_VALUE, column, e.getMessage());
            }
        }

        private SdpParseException error(SdpParseException.Kind kind, int column, String problem) {
            return new SdpParseException(kind, lineNumber, column, lineNumber > 0 ? line() : "", problem);
        }

        private static String quote(String s) {
            return org.jinglegateway.mapper.internal.Checks.quote(s);
        }
    }

    /** The media section being read. */
    private static final class MediaBuilder {
        private final int lineNumber;
        /** The m= line, cut from the text only for an error. */
        private final String text;
        private final int lineStart;
        private final int lineEnd;
        private String media;
        private int port;
        private OptionalInt portCount = OptionalInt.empty();
        private String protocol;
        private final List<String> formats = new ArrayList<>();
        private final List<OtherLine> others = new ArrayList<>();
        private Optional<Connection> connection = Optional.empty();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        /** Browsers write 10-40 lines a section: one array, not four grown ones. */
        private final List<Attribute> attributes = new ArrayList<>(32);

        MediaBuilder(int lineNumber, String text, int lineStart, int lineEnd) {
            this.lineNumber = lineNumber;
            this.text = text;
            this.lineStart = lineStart;
            this.lineEnd = lineEnd;
        }

        MediaDescription build() {
            try {
                return new MediaDescription(media, port, portCount, protocol, formats, others, connection,
                        bandwidths, attributes);
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(SdpParseException.Kind.BAD_VALUE, lineNumber, 3,
                        text.substring(lineStart, lineEnd), e.getMessage());
            }
        }
    }
}
