package org.jinglegateway.mapper.translate;

import static org.jinglegateway.mapper.jingle.JingleNames.ACTION;
import static org.jinglegateway.mapper.jingle.JingleNames.CHANNELS;
import static org.jinglegateway.mapper.jingle.JingleNames.CLOCKRATE;
import static org.jinglegateway.mapper.jingle.JingleNames.CREATOR;
import static org.jinglegateway.mapper.jingle.JingleNames.HASH;
import static org.jinglegateway.mapper.jingle.JingleNames.ID;
import static org.jinglegateway.mapper.jingle.JingleNames.INITIATOR;
import static org.jinglegateway.mapper.jingle.JingleNames.MAXPTIME;
import static org.jinglegateway.mapper.jingle.JingleNames.MAX_MESSAGE_SIZE;
import static org.jinglegateway.mapper.jingle.JingleNames.MEDIA;
import static org.jinglegateway.mapper.jingle.JingleNames.NAME;
import static org.jinglegateway.mapper.jingle.JingleNames.NUMBER;
import static org.jinglegateway.mapper.jingle.JingleNames.PROTOCOL;
import static org.jinglegateway.mapper.jingle.JingleNames.PTIME;
import static org.jinglegateway.mapper.jingle.JingleNames.PWD;
import static org.jinglegateway.mapper.jingle.JingleNames.RESPONDER;
import static org.jinglegateway.mapper.jingle.JingleNames.SEMANTICS;
import static org.jinglegateway.mapper.jingle.JingleNames.SENDERS;
import static org.jinglegateway.mapper.jingle.JingleNames.SETUP;
import static org.jinglegateway.mapper.jingle.JingleNames.SID;
import static org.jinglegateway.mapper.jingle.JingleNames.SOURCE_MSID;
import static org.jinglegateway.mapper.jingle.JingleNames.SSRC;
import static org.jinglegateway.mapper.jingle.JingleNames.STREAMS;
import static org.jinglegateway.mapper.jingle.JingleNames.SUBTYPE;
import static org.jinglegateway.mapper.jingle.JingleNames.TYPE;
import static org.jinglegateway.mapper.jingle.JingleNames.UFRAG;
import static org.jinglegateway.mapper.jingle.JingleNames.URI;
import static org.jinglegateway.mapper.jingle.JingleNames.VALUE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.internal.NameTable;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.Setup;

/**
 * SDP text straight to Jingle XML for the common case, a browser's offer or answer, without the models in between
 * (docs/benchmarks.md, round 4): one pass over the lines checks each against a grammar narrower than the parser's
 * and keeps only positions in the text, then a second writes the XML from those positions, in the order
 * {@code JingleWriter} writes the model {@link SdpToJingle} would have built.
 *
 * <p>It never decides an error. Any line it does not know how to carry exactly (a candidate, SDES keys, b= lines,
 * a rejected m-line, a value outside its narrow grammar, a character outside printable ASCII, a missing line...)
 * makes it give up with {@code null}, and {@link SdpToJingle#toXml} runs the parser and the model path, which
 * writes the same XML or raises the error with its message. So its grammar only has to be a subset of what the
 * model path accepts, and for that subset write the same bytes: {@code DirectXmlTest} compares the two on every
 * fixture, on the mutation generators and on hostile input.
 */
final class DirectXml {
    /** More than this many formats or ssrc lines in a section, or sections: the model path (no quadratic scan). */
    private static final int MOST = 64;

    // what a line is, for the lines the writing pass goes back to
    private static final byte OTHER = 0;
    private static final byte FINGERPRINT = 1;
    private static final byte EXTMAP = 2;
    private static final byte RTCP_FB = 3;
    private static final byte SSRC_LINE = 4;
    private static final byte SSRC_GROUP = 5;

    // attribute names the direct path reads, by a small open-addressing table (no string is cut for a name)
    private static final int N_IGNORE = 0;
    private static final int N_GROUP = 1;
    private static final int N_FINGERPRINT = 2;
    private static final int N_ALLOW_MIXED = 3;
    private static final int N_UFRAG = 4;
    private static final int N_PWD = 5;
    private static final int N_SETUP = 6;
    private static final int N_MID = 7;
    private static final int N_EXTMAP = 8;
    private static final int N_DIRECTION = 9;
    private static final int N_MSID = 10;
    private static final int N_RTCP_MUX = 11;
    private static final int N_RTCP_FB = 12;
    private static final int N_RTPMAP = 13;
    private static final int N_FMTP = 14;
    private static final int N_PTIME = 15;
    private static final int N_MAXPTIME = 16;
    private static final int N_SSRC_GROUP = 17;
    private static final int N_SSRC = 18;
    private static final int N_SCTP_PORT = 19;
    private static final int N_MAX_MESSAGE_SIZE = 20;
    /** Names the direct path leaves to the model path: candidate, crypto, sctpmap. */
    private static final int N_GIVE_UP = 21;

    private static final NameTable NAMES = new NameTable(64);

    static {
        name("group", N_GROUP);
        name("fingerprint", N_FINGERPRINT);
        name("extmap-allow-mixed", N_ALLOW_MIXED);
        name("ice-ufrag", N_UFRAG);
        name("ice-pwd", N_PWD);
        name("setup", N_SETUP);
        name("mid", N_MID);
        name("extmap", N_EXTMAP);
        name("sendrecv", N_DIRECTION);
        name("sendonly", N_DIRECTION);
        name("recvonly", N_DIRECTION);
        name("inactive", N_DIRECTION);
        name("msid", N_MSID);
        name("rtcp-mux", N_RTCP_MUX);
        name("rtcp-fb", N_RTCP_FB);
        name("rtpmap", N_RTPMAP);
        name("fmtp", N_FMTP);
        name("ptime", N_PTIME);
        name("maxptime", N_MAXPTIME);
        name("ssrc-group", N_SSRC_GROUP);
        name("ssrc", N_SSRC);
        name("sctp-port", N_SCTP_PORT);
        name("max-message-size", N_MAX_MESSAGE_SIZE);
        name("candidate", N_GIVE_UP);
        name("crypto", N_GIVE_UP);
        name("sctpmap", N_GIVE_UP);
    }

    // the output's elements, each with its namespace declared where it differs from its parent's
    private static final XmlBytes.Element E_JINGLE = XmlBytes.element(Tag.JINGLE, true);
    private static final XmlBytes.Element E_CONTENT = XmlBytes.element(Tag.CONTENT, false);
    private static final XmlBytes.Element E_DESCRIPTION = XmlBytes.element(Tag.DESCRIPTION, true);
    private static final XmlBytes.Element E_PAYLOAD_TYPE = XmlBytes.element(Tag.PAYLOAD_TYPE, false);
    private static final XmlBytes.Element E_PARAMETER = XmlBytes.element(Tag.PARAMETER, false);
    private static final XmlBytes.Element E_RTCP_FB = XmlBytes.element(Tag.RTCP_FB, true);
    private static final XmlBytes.Element E_RTCP_MUX = XmlBytes.element(Tag.RTCP_MUX, false);
    private static final XmlBytes.Element E_RTP_HDREXT = XmlBytes.element(Tag.RTP_HDREXT, true);
    private static final XmlBytes.Element E_EXTMAP_ALLOW_MIXED = XmlBytes.element(Tag.EXTMAP_ALLOW_MIXED, true);
    private static final XmlBytes.Element E_SOURCE = XmlBytes.element(Tag.SOURCE, true);
    private static final XmlBytes.Element E_SOURCE_PARAMETER = XmlBytes.element(Tag.SOURCE_PARAMETER, false);
    private static final XmlBytes.Element E_SSRC_GROUP = XmlBytes.element(Tag.SSRC_GROUP, true);
    private static final XmlBytes.Element E_GROUP = XmlBytes.element(Tag.GROUP, true);
    private static final XmlBytes.Element E_GROUP_CONTENT = XmlBytes.element(Tag.GROUP_CONTENT, false);
    private static final XmlBytes.Element E_TRANSPORT = XmlBytes.element(Tag.TRANSPORT, true);
    private static final XmlBytes.Element E_FINGERPRINT = XmlBytes.element(Tag.FINGERPRINT, true);
    private static final XmlBytes.Element E_SCTPMAP = XmlBytes.element(Tag.SCTPMAP, true);
    /** a=ssrc-group's sources, in the namespace of the group */
    private static final XmlBytes.Element E_GROUP_SOURCE = XmlBytes.element(Tag.SOURCE, false);
    // attribute names with their ="
    private static final byte[] B_ACTION = XmlBytes.name(ACTION);
    private static final byte[] B_CHANNELS = XmlBytes.name(CHANNELS);
    private static final byte[] B_CLOCKRATE = XmlBytes.name(CLOCKRATE);
    private static final byte[] B_CREATOR = XmlBytes.name(CREATOR);
    private static final byte[] B_HASH = XmlBytes.name(HASH);
    private static final byte[] B_ID = XmlBytes.name(ID);
    private static final byte[] B_INITIATOR = XmlBytes.name(INITIATOR);
    private static final byte[] B_MAXPTIME = XmlBytes.name(MAXPTIME);
    private static final byte[] B_MAX_MESSAGE_SIZE = XmlBytes.name(MAX_MESSAGE_SIZE);
    private static final byte[] B_MEDIA = XmlBytes.name(MEDIA);
    private static final byte[] B_NAME = XmlBytes.name(NAME);
    private static final byte[] B_NUMBER = XmlBytes.name(NUMBER);
    private static final byte[] B_PROTOCOL = XmlBytes.name(PROTOCOL);
    private static final byte[] B_PTIME = XmlBytes.name(PTIME);
    private static final byte[] B_PWD = XmlBytes.name(PWD);
    private static final byte[] B_RESPONDER = XmlBytes.name(RESPONDER);
    private static final byte[] B_SEMANTICS = XmlBytes.name(SEMANTICS);
    private static final byte[] B_SENDERS = XmlBytes.name(SENDERS);
    private static final byte[] B_SETUP = XmlBytes.name(SETUP);
    private static final byte[] B_SID = XmlBytes.name(SID);
    private static final byte[] B_SSRC = XmlBytes.name(SSRC);
    private static final byte[] B_STREAMS = XmlBytes.name(STREAMS);
    private static final byte[] B_SUBTYPE = XmlBytes.name(SUBTYPE);
    private static final byte[] B_TYPE = XmlBytes.name(TYPE);
    private static final byte[] B_UFRAG = XmlBytes.name(UFRAG);
    private static final byte[] B_URI = XmlBytes.name(URI);
    private static final byte[] B_VALUE = XmlBytes.name(VALUE);

    private static final Setup[] SETUPS = Setup.values();

    /** Each thread's scan, made new for each conversion (a conversion calls nothing that could convert again). */
    private static final ThreadLocal<Scan> SCANS = ThreadLocal.withInitial(Scan::new);

    /** Eight bytes of an array as a long (byte order does not matter to {@code plainAscii}: any byte may flag). */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW = 0x0101_0101_0101_0101L;
    private static final long HIGH = 0x8080_8080_8080_8080L;
    // the single-valued lines whose value is written as it stands, first line counts
    private static final int V_UFRAG = 0;
    private static final int V_PWD = 1;
    private static final int V_MSID = 2;
    private static final int V_MAX_MESSAGE_SIZE = 3;

    private DirectXml() {
    }

    private static void name(String name, int kind) {
        NAMES.put(name, kind);
    }

    /**
     * The Jingle XML of {@code JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(text).value(),
     * request).value())}, or null when this SDP is not one the direct path carries (then nothing is decided).
     */
    static String write(String text, SdpToJingle.Request request) {
        if (text == null || request == null || request.action() == null || request.sid() == null
                || request.writer() == null || request.initiator() == null || request.responder() == null
                || !XmlBytes.printable(request.sid())
                || request.initiator().isPresent() && !XmlBytes.printable(request.initiator().get())
                || request.responder().isPresent() && !XmlBytes.printable(request.responder().get())) {
            // a JID or sid outside printable ASCII (or needing a character reference) is the model path's
            return null;
        }
        Scan scan = SCANS.get();
        scan.start(text, request.writer());
        try {
            return scan.read() ? scan.write(request) : null;
        } finally {
            scan.finish();
        }
    }

    /** One media section: what its m-line and its single-valued lines said, as positions in the text. */
    private static final class Section {
        int firstLine;
        int endLine;
        int mediaFrom;
        int mediaTo;
        boolean data;
        int formats;
        /** Per format, at least as many as the m-line's: where it stands in the m-line. */
        int[] fmtFrom = new int[0];
        int[] fmtTo;
        /** Per format: the line of its last rtpmap and fmtp, or -1; its first and last rtcp-fb line, or -1. */
        int[] rtpmap;
        int[] fmtp;
        int[] fbFirst;
        int[] fbLast;
        /** Payload type to format index + 1, 0 when the m-line has no such format (RTP sections only). */
        final byte[] byId = new byte[128];
        int midFrom;
        int midTo;
        /** The value of the first a=ice-ufrag, a=ice-pwd, a=msid, a=max-message-size (by V_*): from, or -1, and to. */
        final int[] valueFrom = new int[4];
        final int[] valueTo = new int[4];
        int setup;
        int direction;
        boolean rtcpMux;
        boolean allowMixed;
        boolean fingerprints;
        int ptime;
        int maxptime;
        int sctpPort;
        int ssrcs;

        /** Makes this (kept) section a new one for an m-line of {@code formats} formats; its arrays are kept. */
        void reset(int formats, boolean data) {
            this.data = data;
            this.formats = 0;
            if (fmtFrom.length < formats) {
                int n = Math.max(formats, 16);
                fmtFrom = new int[n];
                fmtTo = new int[n];
                rtpmap = new int[n];
                fmtp = new int[n];
                fbFirst = new int[n];
                fbLast = new int[n];
            }
            Arrays.fill(byId, (byte) 0);
            midFrom = -1;
            Arrays.fill(valueFrom, -1);
            setup = -1;
            direction = -1;
            rtcpMux = false;
            allowMixed = false;
            fingerprints = false;
            ptime = -1;
            maxptime = -1;
            sctpPort = -1;
            ssrcs = 0;
        }
    }

    /**
     * One conversion's state: each line's kind and positions, the sections, the session level's lines. Kept by each
     * thread and made new by {@link #start} ({@link #SCANS}): a small offer's conversion then allocates its input's
     * bytes and its result only, not some thirty arrays (docs/benchmarks.md, round 5). Nothing in it outlives a
     * conversion but its arrays, and only up to {@link #KEEP} lines' worth.
     */
    private static final class Scan {
        /** Arrays for more lines or sections than this (a hostile or odd SDP) are dropped after the conversion. */
        private static final int KEEP = 1024;
        private String text;
        /** The text's characters as bytes (ISO-8859-1, so one a character). */
        private byte[] bytes;
        private Role writer;
        private int lines;
        /** Per line, sized for a browser's lines (about 35 characters each), grown for others. */
        private byte[] kind;
        /** Per line: where its value starts (after the name's colon) and where the line ends. */
        private int[] from;
        private int[] to;
        /** Per line, by kind: the format index an rtcp-fb names (-1: '*', -2: none), an extmap's direction... */
        private int[] aux;
        /** Per line, by kind: an a=ssrc line's ssrc (unsigned), an extmap's id, where an rtcp-fb's type ends... */
        private int[] number;
        /** Per rtcp-fb line of a format: the format's next one, or -1. */
        private int[] next;
        private Section[] sections = new Section[4];
        private int sectionCount;
        /** Session-level a=group and a=fingerprint lines, and whether a=extmap-allow-mixed stands there. */
        private int[] sessionLines = new int[8];
        private int sessionLineCount;
        private boolean sessionAllowMixed;
        private int estimate;
        private final XmlBytes out = new XmlBytes();

        Scan() {
            lineArrays(64);
        }

        private void lineArrays(int n) {
            kind = new byte[n];
            from = new int[n];
            to = new int[n];
            aux = new int[n];
            number = new int[n];
            next = new int[n];
        }

        /** Sets this scan up for one conversion; every value a conversion reads, it writes first. */
        void start(String text, Role writer) {
            this.text = text;
            this.writer = writer;
            lines = 0;
            sectionCount = 0;
            sessionLineCount = 0;
            sessionAllowMixed = false;
            estimate = 256;
        }

        /** After a conversion: lets go of the text, and of arrays grown past what is worth keeping. */
        void finish() {
            text = null;
            bytes = null;
            if (kind.length > KEEP) {
                lineArrays(64);
            }
            if (sections.length > KEEP) {
                sections = new Section[4];
            }
            out.finish();
        }

        /** Reads every line; false as soon as one is not for the direct path. */
        boolean read() {
            // a byte per character: exact on every line found printable ASCII below, and lines are all it reads
            bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            if (bytes.length != text.length()) {
                // a surrogate pair became one '?': positions in the text are not positions in the bytes
                return false;
            }
            String t = text;
            int length = t.length();
            if (!t.startsWith("v=0\n") && !t.startsWith("v=0\r\n")) {
                return false;
            }
            int pos = t.charAt(3) == '\n' ? 4 : 5;
            boolean origin = false;
            boolean name = false;
            boolean timing = false;
            Section current = null;
            while (pos < length) {
                int nl = t.indexOf('\n', pos);
                int end = nl < 0 ? length : nl;
                int next = nl < 0 ? length : nl + 1;
                if (end > pos && t.charAt(end - 1) == '\r') {
                    end--;
                }
                int start = pos;
                pos = next;
                // printable ASCII only, no trailing space: no XML, CR, whitespace or surrogate question arises
                if (end - start < 2 || t.charAt(start + 1) != '=' || t.charAt(end - 1) == ' ') {
                    return false;
                }
                if (!plainAscii(bytes, start, end) && !printable(start, end)) {
                    return false;
                }
                char type = t.charAt(start);
                if (type == 'a') {
                    if (!attribute(start + 2, end, current)) {
                        return false;
                    }
                    continue;
                }
                if (type == 'm') {
                    if (current != null) {
                        current.endLine = lines;
                    }
                    current = mediaLine(start + 2, end);
                    if (current == null) {
                        return false;
                    }
                    continue;
                }
                if (type == 'c') {
                    if (!t.startsWith("IN IP4 0.0.0.0", start + 2) || end - start != 16) {
                        return false;
                    }
                    continue;
                }
                if (current != null) {
                    return false;
                }
                switch (type) {
                    case 'o' -> {
                        if (!origin(start + 2, end)) {
                            return false;
                        }
                        origin = true;
                    }
                    case 's' -> name = true;
                    case 't' -> {
                        if (!timing(start + 2, end)) {
                            return false;
                        }
                        timing = true;
                    }
                    default -> {
                        return false;
                    }
                }
            }
            if (current != null) {
                current.endLine = lines;
            }
            if (!origin || !name || !timing || sectionCount > MOST) {
                return false;
            }
            // every section needs its own unique mid (the model path names or refuses the others)
            for (int i = 0; i < sectionCount; i++) {
                Section s = sections[i];
                if (s.midFrom < 0) {
                    return false;
                }
                for (int k = 0; k < i; k++) {
                    Section o = sections[k];
                    if (o.midTo - o.midFrom == s.midTo - s.midFrom
                            && t.regionMatches(o.midFrom, t, s.midFrom, s.midTo - s.midFrom)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** o=: six non-empty fields. */
        private boolean origin(int from, int end) {
            int fields = 1;
            int last = from - 1;
            for (int i = from; i < end; i++) {
                if (text.charAt(i) == ' ') {
                    if (i == last + 1) {
                        return false;
                    }
                    fields++;
                    last = i;
                }
            }
            return fields == 6 && last != end - 1 && end > from;
        }

        /** t=: two numbers. */
        private boolean timing(int from, int end) {
            int space = find(' ', from, end);
            return space >= 0 && space < end && digits(from, space) >= 0
                    && digits(space + 1, end) >= 0;
        }

        private Section mediaLine(int from, int end) {
            if (sectionCount == MOST) {
                // more sections than the direct path takes: given up now, not after keeping them all
                return null;
            }
            if (sectionCount == sections.length) {
                sections = Arrays.copyOf(sections, sectionCount * 2);
            }
            int s1 = find(' ', from, end);
            if (s1 <= from || s1 >= end) {
                return null;
            }
            for (int i = from; i < s1; i++) {
                if (!Checks.isTokenChar(text.charAt(i))) {
                    return null;
                }
            }
            int s2 = find(' ', s1 + 1, end);
            if (s2 < 0 || s2 >= end) {
                return null;
            }
            // the port: a number 1-65535 (port 0 is a rejection, a /count is rare: the model path's)
            long port = digits(s1 + 1, s2);
            if (port < 1 || port > 65535) {
                return null;
            }
            int s3 = find(' ', s2 + 1, end);
            if (s3 <= s2 + 1 || s3 >= end) {
                return null;
            }
            int formats = 1;
            for (int i = find(' ', s3 + 1, end); i >= 0; i = find(' ', i + 1, end)) {
                formats++;
            }
            if (formats > MOST) {
                return null;
            }
            Section s = sections[sectionCount];
            if (s == null) {
                s = new Section();
                sections[sectionCount] = s;
            }
            s.reset(formats, contains(text, s2 + 1, s3, "SCTP"));
            s.firstLine = lines;
            s.mediaFrom = from;
            s.mediaTo = s1;
            int f = s3 + 1;
            while (true) {
                int space = find(' ', f, end);
                int fe = space < 0 || space > end ? end : space;
                if (fe == f) {
                    return null;
                }
                if (!s.data) {
                    // RTP: a payload type 0-127 written without leading zeros, so that a format and its id agree
                    // (and a format written twice is an id seen twice)
                    long id = digits(f, fe);
                    if (id < 0 || id > 127 || (text.charAt(f) == '0' && fe - f > 1) || s.byId[(int) id] != 0) {
                        return null;
                    }
                    s.byId[(int) id] = (byte) (s.formats + 1);
                } else {
                    for (int k = 0; k < s.formats; k++) {
                        if (s.fmtTo[k] - s.fmtFrom[k] == fe - f
                                && text.regionMatches(s.fmtFrom[k], text, f, fe - f)) {
                            return null;
                        }
                    }
                }
                s.fmtFrom[s.formats] = f;
                s.fmtTo[s.formats] = fe;
                s.rtpmap[s.formats] = -1;
                s.fmtp[s.formats] = -1;
                s.fbFirst[s.formats] = -1;
                s.formats++;
                if (fe == end) {
                    break;
                }
                f = fe + 1;
            }
            sections[sectionCount++] = s;
            estimate += 256;
            return s;
        }

        /**
         * Whether {@code text[from, to)} is printable ASCII by its characters: the exact check, for a line whose bytes
         * {@link #plainAscii} did not clear (a {@code ?} there may stand for a character ISO-8859-1 cannot encode).
         */
        private boolean printable(int from, int to) {
            int outside = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                // negative when c < ' ' or c > '~': one test per line, not two per character
                outside |= (c - ' ') | ('~' - c);
            }
            return outside >= 0;
        }

        /**
         * Whether {@code bytes[from, to)} is printable ASCII and holds no {@code ?}, eight bytes at a time: a byte
         * below {@code ' '}, from 0x7F up or equal to {@code ?} leaves its high bit set in {@link #flags}. The last
         * word overlaps the one before it rather than leaving a tail; a line under eight bytes goes byte by byte.
         */
        private static boolean plainAscii(byte[] bytes, int from, int to) {
            if (to - from < 8) {
                for (int i = from; i < to; i++) {
                    byte c = bytes[i];
                    if (c < ' ' || c > '~' || c == '?') {
                        return false;
                    }
                }
                return true;
            }
            long flags = 0;
            for (int i = from; i < to - 8; i += 8) {
                flags |= flags((long) WORD.get(bytes, i));
            }
            flags |= flags((long) WORD.get(bytes, to - 8));
            return (flags & HIGH) == 0;
        }

        /**
         * High bits for bytes of {@code w} from 0x80 up ({@code w} itself), and, exact when there are none, for bytes
         * below 0x20 (a borrow), from 0x7F up (a carry into the high bit) and equal to {@code ?} (a zero after XOR).
         */
        private static long flags(long w) {
            long q = w ^ (LOW * '?');
            return w | ((w - LOW * ' ') & ~w) | (w + LOW) | ((q - LOW) & ~q);
        }

        private static boolean contains(String text, int from, int to, String part) {
            char first = part.charAt(0);
            for (int i = from; i + part.length() <= to; i++) {
                if (text.charAt(i) == first && text.startsWith(part, i)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The first {@code c} in {@code text[from, to)}, or -1: bounded by the line, where String.indexOf would go on
         * to the end of the text (JDK 17 has no bounded form), which made a flag line's look-up for ':' quadratic.
         */
        private int find(char c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == c) {
                    return i;
                }
            }
            return -1;
        }

        /** One a= line: checked as the parser checks it, and read as the model's row reads it. */
        private boolean attribute(int from, int end, Section s) {
            // the name's end and its hash in one pass (NameTable looks it up by String.hashCode)
            int hash = 0;
            int nameEnd = from;
            while (nameEnd < end) {
                char c = text.charAt(nameEnd);
                if (c == ':') {
                    break;
                }
                hash = 31 * hash + c;
                nameEnd++;
            }
            boolean flag = nameEnd == end;
            if (nameEnd == from) {
                return false;
            }
            int v = flag ? end : nameEnd + 1;
            int k = NAMES.find(text, from, nameEnd, hash, N_IGNORE);
            if (k == N_IGNORE) {
                for (int i = from; i < nameEnd; i++) {
                    if (!Checks.isTokenChar(text.charAt(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (s == null) {
                return sessionAttribute(k, v, end, flag);
            }
            int line = line(OTHER, v, end);
            switch (k) {
                case N_GROUP:
                    // only read at session level, checked wherever it stands
                    return group(v, end);
                case N_FINGERPRINT:
                    if (!fingerprint(v, end)) {
                        return false;
                    }
                    kind[line] = FINGERPRINT;
                    s.fingerprints = true;
                    estimate += 192;
                    return true;
                case N_ALLOW_MIXED:
                    s.allowMixed = true;
                    return true;
                case N_UFRAG:
                    return field(v, end) && first(s, V_UFRAG, v, end);
                case N_PWD:
                    return field(v, end) && first(s, V_PWD, v, end);
                case N_SETUP:
                    int setup = setup(v, end);
                    if (setup < 0) {
                        return false;
                    }
                    s.setup = s.setup < 0 ? setup : s.setup;
                    return true;
                case N_MID:
                    if (flag || s.midFrom >= 0 || !token(v, end)) {
                        return false;
                    }
                    s.midFrom = v;
                    s.midTo = end;
                    return true;
                case N_EXTMAP:
                    return extmap(line, v, end, s);
                case N_DIRECTION:
                    if (s.direction < 0) {
                        s.direction = direction(from, nameEnd);
                    }
                    return true;
                case N_MSID:
                    return !flag && msid(v, end) && first(s, V_MSID, v, end);
                case N_RTCP_MUX:
                    s.rtcpMux = true;
                    return true;
                case N_RTCP_FB:
                    return rtcpFb(line, v, end, s);
                case N_RTPMAP:
                    return rtpmap(line, v, end, s);
                case N_FMTP:
                    return fmtp(line, v, end, s);
                case N_PTIME:
                case N_MAXPTIME:
                    // 1-9 digits: a number that fits an int (the model path reads the others, and flags)
                    if (flag || end - v > 9 || digits(v, end) < 0) {
                        return false;
                    }
                    int n = (int) digits(v, end);
                    if (k == N_PTIME && s.ptime < 0) {
                        s.ptime = n;
                    } else if (k == N_MAXPTIME && s.maxptime < 0) {
                        s.maxptime = n;
                    }
                    return true;
                case N_SSRC_GROUP:
                    if (!ssrcGroup(v, end)) {
                        return false;
                    }
                    kind[line] = SSRC_GROUP;
                    estimate += 128;
                    return true;
                case N_SSRC:
                    return ssrc(line, v, end, s);
                case N_SCTP_PORT:
                    long port = flag ? -1 : digits(v, end);
                    if (port < 0 || port > 65535) {
                        return false;
                    }
                    s.sctpPort = s.sctpPort < 0 ? (int) port : s.sctpPort;
                    return true;
                case N_MAX_MESSAGE_SIZE:
                    return !flag && field(v, end) && first(s, V_MAX_MESSAGE_SIZE, v, end);
                default:
                    return false;
            }
        }

        /** Keeps the value of a single-valued line if it is the section's first of its kind; true. */
        private static boolean first(Section s, int which, int v, int end) {
            if (s.valueFrom[which] < 0) {
                s.valueFrom[which] = v;
                s.valueTo[which] = end;
            }
            return true;
        }

        /**
         * The session level: a=group, a=fingerprint (each section's default) and a=extmap-allow-mixed; the rows that
         * may stand at either level otherwise (ICE, setup, direction) are the model path's there.
         */
        private boolean sessionAttribute(int k, int v, int end, boolean flag) {
            switch (k) {
                case N_GROUP:
                    if (!group(v, end)) {
                        return false;
                    }
                    break;
                case N_FINGERPRINT:
                    if (!fingerprint(v, end)) {
                        return false;
                    }
                    break;
                case N_ALLOW_MIXED:
                    sessionAllowMixed = true;
                    return true;
                default:
                    return false;
            }
            if (sessionLineCount == sessionLines.length) {
                if (sessionLineCount == MOST) {
                    return false;
                }
                sessionLines = Arrays.copyOf(sessionLines, sessionLineCount * 2);
            }
            sessionLines[sessionLineCount++] = line(k == N_GROUP ? OTHER : FINGERPRINT, v, end);
            estimate += 128;
            return true;
        }

        private int line(byte k, int v, int end) {
            if (lines == kind.length) {
                int n = lines * 2;
                kind = Arrays.copyOf(kind, n);
                from = Arrays.copyOf(from, n);
                to = Arrays.copyOf(to, n);
                aux = Arrays.copyOf(aux, n);
                number = Arrays.copyOf(number, n);
                next = Arrays.copyOf(next, n);
            }
            kind[lines] = k;
            from[lines] = v;
            to[lines] = end;
            return lines++;
        }

        /** An attribute whose value is {@code text[from, to)}. */
        private void attribute(XmlBytes out, byte[] name, int from, int to) {
            out.attribute(name, bytes, from, to);
        }

        /** Decimals.value over the text itself: 1-18 ASCII digits, else -1. */
        private long digits(int from, int to) {
            if (to <= from || to - from > 18) {
                return -1;
            }
            long n = 0;
            for (int i = from; i < to; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }

        /** A number attribute written as the text has it when that is its decimal form (no leading zero). */
        private void number(XmlBytes out, byte[] name, int from, int to) {
            if (text.charAt(from) != '0' || to - from == 1) {
                attribute(out, name, from, to);
            } else {
                out.attribute(name, digits(from, to));
            }
        }

        private boolean token(int from, int to) {
            if (to <= from) {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (!Checks.isTokenChar(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Checks.field on printable ASCII: not empty, no space. */
        private boolean field(int from, int to) {
            if (to <= from) {
                return false;
            }
            int space = find(' ', from, to);
            return space < 0 || space >= to;
        }

        private int setup(int from, int to) {
            for (int i = 0; i < SETUPS.length; i++) {
                String token = SETUPS[i].token();
                if (token.length() == to - from && text.startsWith(token, from)) {
                    return i;
                }
            }
            return -1;
        }

        private int direction(int from, int to) {
            Direction[] all = Direction.values();
            for (int i = 0; i < all.length; i++) {
                if (all[i].token().length() == to - from && text.startsWith(all[i].token(), from)) {
                    return i;
                }
            }
            return -1;
        }

        /** group: a token, then space and a token, each. */
        private boolean group(int from, int to) {
            int f = from;
            while (true) {
                int space = find(' ', f, to);
                int fe = space < 0 || space > to ? to : space;
                if (!token(f, fe)) {
                    return false;
                }
                if (fe == to) {
                    return true;
                }
                f = fe + 1;
            }
        }

        /** fingerprint: a token, a space, a field. */
        private boolean fingerprint(int from, int to) {
            int space = find(' ', from, to);
            return space > from && space < to && token(from, space) && field(space + 1, to);
        }

        /** msid: one or two parts of 1-64 token characters. */
        private boolean msid(int from, int to) {
            int space = find(' ', from, to);
            if (space < 0 || space >= to) {
                return to - from <= 64 && token(from, to);
            }
            return space - from <= 64 && to - space - 1 <= 64 && token(from, space) && token(space + 1, to);
        }

        /** extmap: id[/direction] uri [attributes]. */
        private boolean extmap(int line, int v, int end, Section s) {
            int s1 = find(' ', v, end);
            if (s1 <= v || s1 >= end) {
                return false;
            }
            int slash = find('/', v, s1);
            slash = slash >= 0 && slash < s1 ? slash : -1;
            int direction = -1;
            if (slash >= 0) {
                direction = direction(slash + 1, s1);
                if (direction < 0) {
                    return false;
                }
            }
            long id = digits(v, slash >= 0 ? slash : s1);
            if (id < 1 || id > 255) {
                return false;
            }
            int s2 = find(' ', s1 + 1, end);
            int uriEnd = s2 < 0 || s2 > end ? end : s2;
            if (uriEnd == s1 + 1) {
                return false;
            }
            kind[line] = EXTMAP;
            aux[line] = direction;
            number[line] = (int) id;
            from[line] = s1 + 1;
            to[line] = uriEnd;
            estimate += 128 + uriEnd - s1;
            return true;
        }

        /** rtcp-fb: payload type or '*', a token, and what follows. */
        private boolean rtcpFb(int line, int v, int end, Section s) {
            int s1 = find(' ', v, end);
            if (s1 <= v || s1 >= end) {
                return false;
            }
            boolean all = s1 == v + 1 && text.charAt(v) == '*';
            if (!all) {
                long pt = digits(v, s1);
                if (pt < 0 || pt > 127) {
                    return false;
                }
            }
            int s2 = find(' ', s1 + 1, end);
            int typeEnd = s2 < 0 || s2 > end ? end : s2;
            if (!token(s1 + 1, typeEnd)) {
                return false;
            }
            if (typeEnd - s1 - 1 == 7 && text.startsWith("trr-int", s1 + 1)) {
                return false;
            }
            int target = all ? -1 : format(s, v, s1);
            kind[line] = RTCP_FB;
            aux[line] = target;
            from[line] = s1 + 1;
            // the subtype, when there is one, starts after 'typeEnd'
            number[line] = typeEnd;
            if (target >= 0) {
                // each format's rtcp-fb lines chained in order, through 'next'
                if (s.fbFirst[target] < 0) {
                    s.fbFirst[target] = line;
                } else {
                    next[s.fbLast[target]] = line;
                }
                s.fbLast[target] = line;
                next[line] = -1;
            }
            estimate += 96;
            return true;
        }

        /** The index of the m-line's format written exactly as {@code text[from, to)}, or -2. */
        private int format(Section s, int from, int to) {
            long id = s.data ? -1 : digits(from, to);
            int k = id >= 0 && id <= 127 ? s.byId[(int) id] - 1 : -1;
            return k >= 0 && s.fmtTo[k] - s.fmtFrom[k] == to - from
                    && text.regionMatches(s.fmtFrom[k], text, from, to - from) ? k : -2;
        }

        /** rtpmap: pt encoding/rate[/channels]; the last line for an id counts. */
        private boolean rtpmap(int line, int v, int end, Section s) {
            int space = find(' ', v, end);
            if (space < 0 || space >= end) {
                return false;
            }
            long pt = digits(v, space);
            if (pt < 0 || pt > 127) {
                return false;
            }
            int s1 = find('/', space + 1, end);
            if (s1 < 0 || s1 >= end || !token(space + 1, s1)) {
                return false;
            }
            int s2 = find('/', s1 + 1, end);
            s2 = s2 >= 0 && s2 < end ? s2 : -1;
            long rate = digits(s1 + 1, s2 < 0 ? end : s2);
            if (rate < 0 || rate > 0xFFFF_FFFFL) {
                return false;
            }
            if (s2 >= 0) {
                long channels = digits(s2 + 1, end);
                if (channels < 0 || channels > 255) {
                    return false;
                }
            }
            from[line] = space + 1;
            aux[line] = s1;
            number[line] = s2;
            if (!s.data) {
                // the format of this id (formats are canonical numbers, so an id names at most one)
                int k = s.byId[(int) pt] - 1;
                if (k >= 0) {
                    s.rtpmap[k] = line;
                }
            }
            return true;
        }

        /** fmtp: format [params]; each parameter checked as Fmtp.Param checks it. The last line for a format counts. */
        private boolean fmtp(int line, int v, int end, Section s) {
            int space = find(' ', v, end);
            int formatEnd = space < 0 || space >= end ? end : space;
            if (formatEnd == v) {
                return false;
            }
            if (!parameters(null, formatEnd, end)) {
                return false;
            }
            from[line] = formatEnd;
            if (!s.data) {
                int k = format(s, v, formatEnd);
                if (k >= 0) {
                    s.fmtp[k] = line;
                    estimate += 64 * (end - formatEnd) / 12;
                }
            }
            return true;
        }

        /** ssrc-group: a token, then space-separated ssrc ids. */
        private boolean ssrcGroup(int v, int end) {
            int space = find(' ', v, end);
            int semEnd = space < 0 || space > end ? end : space;
            if (!token(v, semEnd)) {
                return false;
            }
            int f = semEnd + 1;
            while (f <= end && semEnd < end) {
                int sp = find(' ', f, end);
                int fe = sp < 0 || sp > end ? end : sp;
                long id = digits(f, fe);
                if (id < 0 || id > 0xFFFF_FFFFL) {
                    return false;
                }
                if (fe == end) {
                    break;
                }
                f = fe + 1;
            }
            return true;
        }

        /** ssrc: id attribute[:value]; an msid value is checked as a=msid is. */
        private boolean ssrc(int line, int v, int end, Section s) {
            int space = find(' ', v, end);
            if (space <= v || space >= end) {
                return false;
            }
            long id = digits(v, space);
            if (id < 0 || id > 0xFFFF_FFFFL || ++s.ssrcs > MOST) {
                return false;
            }
            int colon = find(':', space + 1, end);
            int attrEnd = colon < 0 || colon >= end ? end : colon;
            if (!field(space + 1, attrEnd)) {
                return false;
            }
            if (attrEnd - space - 1 == 4 && text.startsWith(SOURCE_MSID, space + 1)
                    && !(attrEnd < end && msid(attrEnd + 1, end))) {
                return false;
            }
            kind[line] = SSRC_LINE;
            // as an int: an ssrc is 32 bits, equal as an int when equal as a number
            number[line] = (int) id;
            from[line] = space + 1;
            aux[line] = attrEnd;
            estimate += 96 + end - v;
            return true;
        }

        // ---- writing ----

        String write(SdpToJingle.Request request) {
            // four intrinsic scans of the text, then each value is copied without looking at it
            boolean plain = text.indexOf('<') < 0 && text.indexOf('>') < 0 && text.indexOf('&') < 0
                    && text.indexOf('"') < 0;
            XmlBytes out = this.out;
            out.begin(estimate + 64, plain);
            out.start(E_JINGLE);
            out.attribute(B_ACTION, request.action().token());
            if (request.initiator().isPresent()) {
                out.attribute(B_INITIATOR, request.initiator().get());
            }
            if (request.responder().isPresent()) {
                out.attribute(B_RESPONDER, request.responder().get());
            }
            out.attribute(B_SID, request.sid());
            Creator creator = request.action() == JingleAction.CONTENT_ADD ? writer.creator() : Creator.INITIATOR;
            for (int i = 0; i < sectionCount; i++) {
                content(out, sections[i], creator);
            }
            for (int i = 0; i < sessionLineCount; i++) {
                int line = sessionLines[i];
                if (kind[line] == OTHER) {
                    group(out, E_GROUP, false, from[line], to[line]);
                }
            }
            out.end();
            return out.result();
        }

        /**
         * {@code <semantics> <member> ...} (a=group, a=ssrc-group) as {@code <outer semantics><inner .../></outer>},
         * each member a content name or, {@code ssrcs}, a source's ssrc.
         */
        private void group(XmlBytes out, XmlBytes.Element outer, boolean ssrcs, int v, int end) {
            out.start(outer);
            int space = find(' ', v, end);
            int semEnd = space < 0 || space > end ? end : space;
            attribute(out, B_SEMANTICS, v, semEnd);
            for (int f = semEnd + 1; f <= end && semEnd < end; ) {
                int sp = find(' ', f, end);
                int fe = sp < 0 || sp > end ? end : sp;
                if (ssrcs) {
                    out.start(E_GROUP_SOURCE);
                    number(out, B_SSRC, f, fe);
                } else {
                    out.start(E_GROUP_CONTENT);
                    attribute(out, B_NAME, f, fe);
                }
                out.end();
                f = fe + 1;
            }
            out.end();
        }

        private void content(XmlBytes out, Section s, Creator creator) {
            out.start(E_CONTENT);
            out.attribute(B_CREATOR, creator.token());
            attribute(out, B_NAME, s.midFrom, s.midTo);
            if (!s.data && s.direction >= 0) {
                Senders senders = SendersTable.senders(writer, Direction.values()[s.direction]);
                if (senders != Senders.BOTH) {
                    out.attribute(B_SENDERS, senders.token());
                }
            }
            out.start(E_DESCRIPTION);
            attribute(out, B_MEDIA, s.mediaFrom, s.mediaTo);
            if (!s.data) {
                description(out, s);
            }
            out.end();
            transport(out, s);
            out.end();
        }

        private void description(XmlBytes out, Section s) {
            for (int k = 0; k < s.formats; k++) {
                payloadType(out, s, k);
            }
            if (s.rtcpMux) {
                out.start(E_RTCP_MUX);
                out.end();
            }
            for (int line = s.firstLine; line < s.endLine; line++) {
                if (kind[line] == RTCP_FB && aux[line] == -1) {
                    feedback(out, line);
                }
            }
            for (int line = s.firstLine; line < s.endLine; line++) {
                if (kind[line] == EXTMAP) {
                    out.start(E_RTP_HDREXT);
                    out.attribute(B_ID, number[line]);
                    attribute(out, B_URI, from[line], to[line]);
                    if (aux[line] >= 0) {
                        out.attribute(B_SENDERS, SendersTable.senders(writer, Direction.values()[aux[line]]).token());
                    }
                    out.end();
                }
            }
            if (s.allowMixed || sessionAllowMixed) {
                out.start(E_EXTMAP_ALLOW_MIXED);
                out.end();
            }
            sources(out, s);
            for (int line = s.firstLine; line < s.endLine; line++) {
                if (kind[line] == SSRC_GROUP) {
                    group(out, E_SSRC_GROUP, true, from[line], to[line]);
                }
            }
        }

        private void payloadType(XmlBytes out, Section s, int k) {
            out.start(E_PAYLOAD_TYPE);
            // an RTP format is its payload type written without leading zeros
            attribute(out, B_ID, s.fmtFrom[k], s.fmtTo[k]);
            int map = s.rtpmap[k];
            if (map >= 0) {
                int slash = aux[map];
                int s2 = number[map];
                attribute(out, B_NAME, from[map], slash);
                number(out, B_CLOCKRATE, slash + 1, s2 < 0 ? to[map] : s2);
                if (s2 >= 0) {
                    number(out, B_CHANNELS, s2 + 1, to[map]);
                }
            }
            if (s.ptime >= 0) {
                out.attribute(B_PTIME, s.ptime);
            }
            if (s.maxptime >= 0) {
                out.attribute(B_MAXPTIME, s.maxptime);
            }
            if (s.fmtp[k] >= 0) {
                parameters(out, from[s.fmtp[k]], to[s.fmtp[k]]);
            }
            for (int line = s.fbFirst[k]; line >= 0; line = next[line]) {
                feedback(out, line);
            }
            out.end();
        }

        /**
         * An fmtp's parameters after its format ({@code start}: the space after it, or the end), cut as Fmtp.parse
         * cuts them: with {@code out} null each checked as Fmtp.Param checks it (a name without spaces, a value that
         * does not start with one), else written.
         */
        private boolean parameters(XmlBytes out, int start, int end) {
            for (int p = start + 1; start < end && p <= end; ) {
                int semi = find(';', p, end);
                int pe = semi < 0 || semi >= end ? end : semi;
                int f = p;
                int e = pe;
                while (f < e && text.charAt(f) == ' ') {
                    f++;
                }
                while (e > f && text.charAt(e - 1) == ' ') {
                    e--;
                }
                if (f < e) {
                    int eq = find('=', f, e);
                    boolean named = eq > f && eq < e;
                    if (out == null) {
                        int space = find(' ', f, e);
                        if (named && ((space >= 0 && space < eq) || (eq + 1 < e && text.charAt(eq + 1) == ' '))) {
                            return false;
                        }
                    } else {
                        out.start(E_PARAMETER);
                        attribute(out, B_NAME, named ? f : e, named ? eq : e);
                        attribute(out, B_VALUE, named ? eq + 1 : f, e);
                        out.end();
                    }
                }
                p = pe + 1;
            }
            return true;
        }

        private void feedback(XmlBytes out, int line) {
            int typeEnd = number[line];
            out.start(E_RTCP_FB);
            attribute(out, B_TYPE, from[line], typeEnd);
            if (typeEnd < to[line]) {
                attribute(out, B_SUBTYPE, typeEnd + 1, to[line]);
            }
            out.end();
        }

        /** XEP-0339 sources in the order of their first a=ssrc line, the media-level msid filling a missing one. */
        private void sources(XmlBytes out, Section s) {
            for (int line = s.firstLine; line < s.endLine; line++) {
                if (kind[line] != SSRC_LINE || seenBefore(s, line)) {
                    continue;
                }
                int ssrc = number[line];
                out.start(E_SOURCE);
                out.attribute(B_SSRC, Integer.toUnsignedLong(ssrc));
                boolean msid = false;
                for (int k = line; k < s.endLine; k++) {
                    if (kind[k] == SSRC_LINE && number[k] == ssrc) {
                        int attrFrom = from[k];
                        int attrEnd = aux[k];
                        out.start(E_SOURCE_PARAMETER);
                        attribute(out, B_NAME, attrFrom, attrEnd);
                        if (attrEnd < to[k]) {
                            attribute(out, B_VALUE, attrEnd + 1, to[k]);
                        }
                        out.end();
                        msid |= attrEnd - attrFrom == 4 && text.startsWith(SOURCE_MSID, attrFrom);
                    }
                }
                if (!msid && s.valueFrom[V_MSID] >= 0) {
                    out.start(E_SOURCE_PARAMETER);
                    out.attribute(B_NAME, SOURCE_MSID);
                    attribute(out, B_VALUE, s.valueFrom[V_MSID], s.valueTo[V_MSID]);
                    out.end();
                }
                out.end();
            }
        }

        private boolean seenBefore(Section s, int line) {
            for (int k = s.firstLine; k < line; k++) {
                if (kind[k] == SSRC_LINE && number[k] == number[line]) {
                    return true;
                }
            }
            return false;
        }

        private void transport(XmlBytes out, Section s) {
            out.start(E_TRANSPORT);
            if (s.valueFrom[V_UFRAG] >= 0) {
                attribute(out, B_UFRAG, s.valueFrom[V_UFRAG], s.valueTo[V_UFRAG]);
            }
            if (s.valueFrom[V_PWD] >= 0) {
                attribute(out, B_PWD, s.valueFrom[V_PWD], s.valueTo[V_PWD]);
            }
            String role = role(s).token();
            if (s.fingerprints) {
                for (int line = s.firstLine; line < s.endLine; line++) {
                    if (kind[line] == FINGERPRINT) {
                        fingerprint(out, line, role);
                    }
                }
            } else {
                for (int i = 0; i < sessionLineCount; i++) {
                    if (kind[sessionLines[i]] == FINGERPRINT) {
                        fingerprint(out, sessionLines[i], role);
                    }
                }
            }
            if (s.data && s.sctpPort >= 0) {
                out.start(E_SCTPMAP);
                out.attribute(B_NUMBER, s.sctpPort);
                out.attribute(B_PROTOCOL, "webrtc-datachannel");
                out.attribute(B_STREAMS, 1024);
                if (s.valueFrom[V_MAX_MESSAGE_SIZE] >= 0) {
                    attribute(out, B_MAX_MESSAGE_SIZE, s.valueFrom[V_MAX_MESSAGE_SIZE],
                            s.valueTo[V_MAX_MESSAGE_SIZE]);
                }
                out.end();
            }
            out.end();
        }

        /** TowardSdp.settleSetup's role, without its notes. */
        private Setup role(Section s) {
            boolean offer = writer == Role.INITIATOR;
            if (s.setup < 0) {
                return offer ? Setup.ACTPASS : Setup.ACTIVE;
            }
            Setup given = SETUPS[s.setup];
            return !offer && given == Setup.ACTPASS ? Setup.ACTIVE : given;
        }

        private void fingerprint(XmlBytes out, int line, String role) {
            int v = from[line];
            int space = find(' ', v, to[line]);
            out.start(E_FINGERPRINT);
            attribute(out, B_HASH, v, space);
            out.attribute(B_SETUP, role);
            out.text(bytes, space + 1, to[line]);
            out.end();
        }
    }
}
