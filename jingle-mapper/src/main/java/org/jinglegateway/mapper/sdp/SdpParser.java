package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.sdp.SdpParseException.Kind;
import org.jinglegateway.mapper.sdp.internal.AttributeReader;
import org.jinglegateway.mapper.sdp.internal.Cursor;
import org.jinglegateway.mapper.sdp.internal.LeniencyLog;

/**
 * Reads an SDP (RFC 8866 §5) into a {@link SessionDescription}. Strict by default; the only deviations accepted
 * are the {@link Leniency} constants, each reported in the result's notes. Every failure is an
 * {@link SdpParseException} with line, column and the line's text; no other exception escapes. Stateless and
 * thread-safe.
 */
public final class SdpParser {
    /** RFC 8866 §5 order of the session-level line types, then per media section {@code m i c b a}. */
    private static final String SESSION_ORDER = "vosiuepcbtrza";
    private static final String MEDIA_ORDER = "micba";
    private static final String KNOWN_TYPES = "vosiuepcbtrzam";
    private static final String ORDER_TEXT = "RFC 8866 §5 order: v o s i u e p c b t r z a, then m i c b a per media";

    private SdpParser() {
    }

    /** Parses a whole SDP. */
    public static Parsed<SessionDescription> parse(String sdp) {
        return new Run(sdp).run();
    }

    /** The state of one parse. */
    private static final class Run {
        private final String sdp;
        private final Cursor c = new Cursor();
        private final LeniencyLog log = new LeniencyLog();
        private final AttributeReader attributes = new AttributeReader(c, log);
        private final SessionDescription.Builder session = new SessionDescription.Builder();
        private final List<Timing> timings = new ArrayList<>(1);
        private final List<MediaDescription> media = new ArrayList<>(4);
        private MediaDescription.Builder current;
        private int rank = -1;
        private int lineNumber;
        private String lastLine = "";

        Run(String sdp) {
            this.sdp = sdp;
        }

        Parsed<SessionDescription> run() {
            int pos = 0;
            int n = sdp.length();
            while (pos < n) {
                lineNumber++;
                int lf = sdp.indexOf('\n', pos);
                int end = lf < 0 ? n : lf;
                int next = lf < 0 ? n : lf + 1;
                if (end > pos && sdp.charAt(end - 1) == '\r') {
                    end--;
                } else if (lf >= 0) {
                    log.applied(Leniency.LF_LINE_ENDS, lineNumber);
                }
                if (lf < 0) {
                    log.applied(Leniency.MISSING_FINAL_LINE_END, lineNumber);
                }
                int trimmed = end;
                while (trimmed > pos && (sdp.charAt(trimmed - 1) == ' ' || sdp.charAt(trimmed - 1) == '\t')) {
                    trimmed--;
                }
                if (trimmed < end) {
                    log.applied(Leniency.TRAILING_WHITESPACE, lineNumber);
                }
                if (trimmed == pos) {
                    log.applied(Leniency.BLANK_LINES, lineNumber);
                } else {
                    line(sdp.substring(pos, trimmed));
                }
                pos = next;
            }
            return finish();
        }

        private void line(String text) {
            lastLine = text;
            c.reset(text, lineNumber, 2);
            if (text.length() < 2 || text.charAt(1) != '=') {
                throw c.fail(Kind.MALFORMED_LINE, Math.min(1, text.length()),
                        "an SDP line must be <type>=<value> (RFC 8866 §5), found " + Checks.quote(text));
            }
            char type = text.charAt(0);
            order(type);
            if (current == null) {
                sessionLine(type, text);
            } else {
                mediaLine(type, text);
            }
        }

        private void order(char type) {
            String order = current == null && type != 'm' ? SESSION_ORDER : MEDIA_ORDER;
            int r = order.indexOf(type);
            if (r < 0) {
                String found = Checks.quote(type + "=");
                throw c.fail(Kind.MALFORMED_LINE, 0, type == 'k'
                        ? "k= lines are obsolete and not supported (RFC 8866 §5.12)"
                        : KNOWN_TYPES.indexOf(type) < 0 ? "unknown SDP line type " + found + " (" + ORDER_TEXT + ")"
                        : found + " is not allowed in a media section (" + ORDER_TEXT + ")");
            }
            if (type == 'm') {
                r = 0;
                rank = -1;
            }
            if (current == null && rank < 2 && r != rank + 1 || r < rank && !(type == 't' && rank == 10)) {
                throw c.fail(Kind.LINE_ORDER, 0, Checks.quote(type + "=") + " is out of place ("
                        + (rank < 2 && current == null ? "the session must start with v=, o=, s=; " : "")
                        + ORDER_TEXT + ")");
            }
            if (type == 'm' && timings.isEmpty()) {
                throw c.fail(Kind.LINE_ORDER, 0, "the session has no t= line before the first m= (RFC 8866 §5.9)");
            }
            rank = r;
        }

        private void sessionLine(char type, String text) {
            switch (type) {
                case 'v' -> {
                    if (!text.equals("v=0")) {
                        throw c.fail(Kind.BAD_VALUE, 2, "the SDP version must be 0 (RFC 8866 §5.1), found "
                                + Checks.quote(text.substring(2)));
                    }
                    attributes.newSection();
                }
                case 'o' -> session.origin(origin());
                case 's' -> session.sessionName(text("session name"));
                case 'i' -> session.information(text("session information"));
                case 'u' -> session.uri(c.build(2, () -> Checks.field(text.substring(2), "uri")));
                case 'e' -> session.addEmail(text("email"));
                case 'p' -> session.addPhone(text("phone"));
                case 'c' -> session.connection(connection());
                case 'b' -> session.addBandwidth(bandwidth());
                case 't' -> timings.add(timing());
                case 'r' -> repeat();
                case 'z' -> session.timeZones(text("time zones"));
                case 'a' -> attribute(text, true);
                case 'm' -> startMedia();
                default -> throw new IllegalStateException("unreachable: " + type);
            }
        }

        private void mediaLine(char type, String text) {
            switch (type) {
                case 'm' -> startMedia();
                case 'i' -> current.information(text("media title"));
                case 'c' -> current.connection(connection());
                case 'b' -> current.addBandwidth(bandwidth());
                case 'a' -> attribute(text, false);
                default -> throw new IllegalStateException("unreachable: " + type);
            }
        }

        /** The text after {@code x=}, which must not be empty (RFC 8866 §9 {@code text}). */
        private String text(String what) {
            String value = c.restRequired(what);
            return c.build(2, () -> Checks.lineSafe(value, what));
        }

        private Origin origin() {
            String user = c.field("origin username");
            String id = c.field("origin session id");
            String version = c.field("origin session version");
            String net = c.field("origin network type");
            String addrType = c.field("origin address type");
            String address = c.field("origin address");
            c.end("o=");
            return c.build(2, () -> new Origin(user, id, version, net, addrType, address));
        }

        private Connection connection() {
            String net = c.field("connection network type");
            String addrType = c.field("connection address type");
            String address = c.field("connection address");
            c.end("c=");
            return c.build(2, () -> new Connection(net, addrType, address));
        }

        private Bandwidth bandwidth() {
            String type = c.until(':', "bandwidth type");
            if (c.text().charAt(c.pos() - 1) != ':') {
                throw c.fail(Kind.MISSING_FIELD, c.pos(), "b= must be <bwtype>:<bandwidth> (RFC 8866 §5.8)");
            }
            long value = c.number(c.rest(), "bandwidth", 0, Long.MAX_VALUE);
            return c.build(2, () -> new Bandwidth(type, value));
        }

        private Timing timing() {
            long start = c.number("start time", 0, Long.MAX_VALUE);
            long stop = c.number("stop time", 0, Long.MAX_VALUE);
            c.end("t=");
            return new Timing(start, stop, List.of());
        }

        private void repeat() {
            if (timings.isEmpty()) {
                throw c.fail(Kind.LINE_ORDER, 0, "r= must follow a t= line (RFC 8866 §5.10)");
            }
            String value = text("repeat time");
            Timing last = timings.get(timings.size() - 1);
            List<String> repeats = new ArrayList<>(last.repeats());
            repeats.add(value);
            timings.set(timings.size() - 1, new Timing(last.start(), last.stop(), repeats));
        }

        private void attribute(String text, boolean sessionLevel) {
            int colon = text.indexOf(':', 2);
            String name = colon < 0 ? text.substring(2) : text.substring(2, colon);
            c.reset(text, lineNumber, colon < 0 ? text.length() : colon + 1);
            if (sessionLevel) {
                attributes.session(name, colon >= 0, session);
            } else {
                attributes.media(name, colon >= 0, current);
            }
        }

        private void startMedia() {
            closeMedia();
            attributes.newSection();
            String type = c.field("media type");
            MediaType mediaType = c.build(() -> MediaType.of(type));
            c.mark();
            String portText = c.field("media port");
            int slash = portText.indexOf('/');
            int port = (int) c.number(slash < 0 ? portText : portText.substring(0, slash), "media port", 0, 65535);
            OptionalInt count = slash < 0 ? OptionalInt.empty()
                    : OptionalInt.of((int) c.number(portText.substring(slash + 1), "media port count", 1, 65535));
            String protocol = c.field("media protocol");
            c.build(() -> Checks.field(protocol, "media protocol"));
            List<String> formats = new ArrayList<>(24);
            while (!c.atEnd()) {
                String format = c.field("media format");
                formats.add(c.build(() -> Checks.token(format, "media format")));
            }
            current = MediaDescription.builder(mediaType, port, protocol, formats).portCount(count);
        }

        private void closeMedia() {
            if (current != null) {
                MediaDescription.Builder m = current;
                media.add(c.build(0, m::build));
            }
        }

        private Parsed<SessionDescription> finish() {
            if (lineNumber == 0 || rank < 0 && current == null) {
                throw new SdpParseException(Kind.EMPTY, Math.max(lineNumber, 1), 1, "", "the SDP is empty");
            }
            c.reset(lastLine, lineNumber, 0);
            if (current == null && rank < SESSION_ORDER.indexOf('t')) {
                throw c.fail(Kind.LINE_ORDER, 0, "the SDP ends before its "
                        + (rank < 2 ? "v=, o= and s= lines" : "t= line") + " (RFC 8866 §5)");
            }
            closeMedia();
            session.timings(timings).media(media);
            SessionDescription value = c.build(0, session::build);
            return new Parsed<>(value, log.notes());
        }
    }
}
