package org.jinglegateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParseException;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.TypedSdp;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert MODE}: the mapper alone, standard input to standard output (README.md). No call policy:
 * mDNS and TCP candidates come out as they went in. Notes about what was defaulted or dropped go to standard
 * error as {@code note:} lines; bad input exits 2 with one line saying what and where.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Translate between SDP and Jingle: sdp-to-jingle, jingle-to-sdp, candidate-to-jingle,"
                + " jingle-to-candidates (reads standard input).")
final class ConvertCommand implements Callable<Integer> {
    /** The four modes of README.md. */
    enum Mode {
        SDP_TO_JINGLE, JINGLE_TO_SDP, CANDIDATE_TO_JINGLE, JINGLE_TO_CANDIDATES;

        static Mode of(String token) {
            for (Mode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(token)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode \"" + token + "\": expected sdp-to-jingle, jingle-to-sdp,"
                    + " candidate-to-jingle or jingle-to-candidates");
        }
    }

    @Parameters(index = "0", paramLabel = "MODE", description = "sdp-to-jingle, jingle-to-sdp, candidate-to-jingle,"
            + " jingle-to-candidates")
    String mode;
    @Option(names = "--role", description = "who wrote the input: initiator or responder")
    String role;
    @Option(names = "--action", description = "Jingle action to produce (sdp-to-jingle)")
    String action;
    @Option(names = "--sid", description = "Jingle session id")
    String sid;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            return convert();
        } catch (RuntimeException | StackOverflowError e) {
            // whatever a parser let slip (Woodstox reports some broken XML lazily, as a WstxLazyException from
            // getText()) is still one line and exit 2: convert reads untrusted input and never prints a stack trace
            return fail(unexpected(e));
        }
    }

    private int convert() {
        String input;
        try {
            input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot read standard input: " + e.getMessage());
        }
        try {
            Mode m = Mode.of(mode);
            Optional<Role> givenRole = Optional.ofNullable(role).map(ConvertCommand::role);
            switch (m) {
                case SDP_TO_JINGLE -> sdpToJingle(input, givenRole);
                case JINGLE_TO_SDP -> jingleToSdp(input, givenRole);
                case CANDIDATE_TO_JINGLE -> candidateToJingle(input, givenRole);
                case JINGLE_TO_CANDIDATES -> jingleToCandidates(input);
                default -> throw new IllegalStateException(m.toString());
            }
            return 0;
        } catch (SdpParseException e) {
            return fail(e.singleLine());
        } catch (MapperException | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    private void sdpToJingle(String input, Optional<Role> givenRole) {
        Role writer = givenRole.orElse(Role.INITIATOR);
        JingleAction act = action == null
                ? (writer == Role.INITIATOR ? JingleAction.SESSION_INITIATE : JingleAction.SESSION_ACCEPT)
                : JingleAction.of(action);
        Parsed<TypedSdp> sdp = SdpParser.parseTyped(input);
        notes(sdp.notes());
        Parsed<Jingle> jingle = SdpToJingle.translate(sdp.value(), new SdpToJingle.Request(act,
                sid == null ? newSid() : sid, writer, Optional.empty(), Optional.empty()));
        notes(jingle.notes());
        print(JingleWriter.toXml(jingle.value()) + "\n");
    }

    private void jingleToSdp(String input, Optional<Role> givenRole) {
        Jingle jingle = JingleReader.read(input);
        Role writer = givenRole.orElse(switch (jingle.action()) {
            case SESSION_ACCEPT, CONTENT_ACCEPT -> Role.RESPONDER;
            default -> Role.INITIATOR;
        });
        Parsed<SessionDescription> sdp = JingleToSdp.translate(jingle, writer);
        notes(sdp.notes());
        print(SdpWriter.write(sdp.value()));
    }

    private void candidateToJingle(String input, Optional<Role> givenRole) {
        if (sid == null) {
            throw new IllegalArgumentException("candidate-to-jingle needs --sid (the Jingle session id)");
        }
        JsonNode node = readJson(input);
        if (!node.isObject() || !node.path("candidate").isTextual()) {
            throw new IllegalArgumentException("expected one RTCIceCandidateInit object with a \"candidate\" string");
        }
        CandidateInit init = new CandidateInit(node.get("candidate").asText(), text(node, "sdpMid"),
                node.path("sdpMLineIndex").isInt() ? OptionalInt.of(node.get("sdpMLineIndex").asInt())
                        : OptionalInt.empty(), text(node, "usernameFragment"));
        Creator creator = givenRole.orElse(Role.INITIATOR).creator();
        Optional<Parsed<Jingle>> info = CandidateTranslator.toTransportInfo(init, sid, creator,
                UUID.randomUUID().toString().substring(0, 10));
        if (info.isEmpty()) {
            notes(List.of(new MappingNote(MappingNote.Kind.DROPPED, "candidate", "end of candidates: XEP-0176"
                    + " cannot express it, so there is nothing to send")));
            return;
        }
        notes(info.get().notes());
        print(JingleWriter.toXml(info.get().value()) + "\n");
    }

    private void jingleToCandidates(String input) {
        Jingle jingle = JingleReader.read(input);
        ArrayNode array = json.createArrayNode();
        // the m-line index is unknown without the session: sdpMLineIndex is null, sdpMid names the content
        for (CandidateInit c : CandidateTranslator.fromTransportInfo(jingle, Map.of())) {
            ObjectNode o = array.addObject().put("candidate", c.candidate());
            c.sdpMid().ifPresentOrElse(v -> o.put("sdpMid", v), () -> o.putNull("sdpMid"));
            if (c.sdpMLineIndex().isPresent()) {
                o.put("sdpMLineIndex", c.sdpMLineIndex().getAsInt());
            } else {
                o.putNull("sdpMLineIndex");
            }
            c.usernameFragment().ifPresentOrElse(v -> o.put("usernameFragment", v), () -> o.putNull(
                    "usernameFragment"));
        }
        print(array.toPrettyString() + "\n");
    }

    private JsonNode readJson(String input) {
        try {
            return json.readTree(input);
        } catch (JsonProcessingException e) {
            // a broken stream constraint (nesting past 1000, a huge number) comes without a location
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** One line for a failure no parser turned into its own error: broken XML where it can tell, else what broke. */
    static String unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException x) {
                Location l = x.getLocation();
                String where = l == null || l.getLineNumber() < 0 ? "" : " at line " + l.getLineNumber()
                        + ", column " + l.getColumnNumber();
                String text = x.getMessage() == null ? "" : x.getMessage();
                // Woodstox appends "\n at [row,col {unknown-source}]: [1,7]": the location is given above instead
                return "/: not well-formed XML" + where + ": " + text.lines().findFirst().orElse("").strip();
            }
        }
        if (e instanceof StackOverflowError) {
            return "the input is nested too deeply to convert";
        }
        String text = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("").strip();
        return "cannot convert this input (" + e.getClass().getSimpleName() + text + ")";
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static Role role(String token) {
        return switch (token) {
            case "initiator" -> Role.INITIATOR;
            case "responder" -> Role.RESPONDER;
            default -> throw new IllegalArgumentException("--role must be initiator or responder, found \"" + token
                    + "\"");
        };
    }

    private static String newSid() {
        return UUID.randomUUID().toString();
    }

    private void notes(List<MappingNote> notes) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        notes.forEach(n -> err.println("note: " + n));
        // CHECKSTYLE.ON: RegexpSinglelineJava
    }

    private void print(String text) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        out.print(text);
        // CHECKSTYLE.ON: RegexpSinglelineJava
        out.flush();
    }

    private int fail(String message) {
        String line = message.lines().findFirst().orElse(message);
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        err.println("jingle-gateway convert: " + line);
        // CHECKSTYLE.ON: RegexpSinglelineJava
        return Main.EXIT_USAGE;
    }
}
