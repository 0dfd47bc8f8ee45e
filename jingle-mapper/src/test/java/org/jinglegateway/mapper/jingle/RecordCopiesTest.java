package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.junit.jupiter.api.Test;

/** Each {@code withX} copy of the Jingle records changes its one component and keeps every other. */
final class RecordCopiesTest {
    private static final RawXml RAW = new RawXml("<x xmlns=\"urn:example\"/>");
    private static final XmlAttribute ATTRIBUTE = new XmlAttribute("videoType", "camera");
    private static final Fingerprint FP1 = new Fingerprint("sha-256", Optional.of("actpass"), "AB:CD", Optional.empty(),
            List.of());
    private static final Fingerprint FP2 = new Fingerprint("sha-1", Optional.empty(), "EF:01", Optional.of("true"),
            List.of(ATTRIBUTE));
    private static final Source SRC1 = new Source(1, List.of(Parameter.of("msid", "a b")), List.of(), List.of());
    private static final Source SRC2 = new Source(2, List.of(), List.of(ATTRIBUTE), List.of(RAW));
    private static final PayloadType PT1 = new PayloadType(111, Optional.of("opus"), OptionalLong.of(48000),
            OptionalInt.of(2), OptionalInt.empty(), OptionalInt.empty(), List.of(), List.of(), OptionalInt.empty(),
            List.of(), List.of());
    private static final PayloadType PT2 = new PayloadType(0, Optional.empty(), OptionalLong.empty(),
            OptionalInt.empty(), OptionalInt.of(20), OptionalInt.of(40), List.of(Parameter.of("a", "b")),
            List.of(new RtcpFeedback("nack", Optional.empty())), OptionalInt.of(5), List.of(ATTRIBUTE), List.of(RAW));
    private static final RtpDescription D1 = RtpDescription.of("audio").withPayloadTypes(List.of(PT1));
    private static final RtpDescription D2 = new RtpDescription("video", Optional.of("7"), List.of(PT2),
            List.of(new Bandwidth("AS", "128")), true, List.of(new RtcpFeedback("ccm", Optional.of("fir"))),
            OptionalInt.of(3), List.of(new HeaderExtension(1, "urn:x", Optional.empty(), List.of())), true,
            List.of(SRC1), List.of(new SourceGroup("FID", List.of(1L, 2L))), List.of(ATTRIBUTE), List.of(RAW));
    private static final IceUdpTransport T1 = IceUdpTransport.empty().withIce(Optional.of("uf"), Optional.of("pw"),
            List.of());
    private static final IceUdpTransport T2 = new IceUdpTransport(Optional.empty(), Optional.empty(),
            List.of(CandidateParser.parseAttributeValue("1 1 udp 2122260223 192.0.2.1 54321 typ host")),
            List.of(FP1), Optional.of(SctpMap.of(5000, Optional.empty())), List.of(ATTRIBUTE), List.of(RAW));
    private static final Content C1 = Content.of(Creator.INITIATOR, "0");
    private static final Content C2 = new Content(Creator.RESPONDER, "1", Optional.of("session"),
            Optional.of(Senders.NONE), Optional.of(D1), Optional.of(T1), List.of(ATTRIBUTE), List.of(RAW));
    private static final Jingle J1 = Jingle.of(JingleAction.SESSION_INITIATE, "s1");
    private static final Jingle J2 = new Jingle(JingleAction.SESSION_TERMINATE, "s2", Optional.of("a@x/1"),
            Optional.of("b@x/2"), List.of(C1), List.of(new ContentGroup("BUNDLE", List.of("0"))),
            Optional.of(new Reason("success", Optional.empty(), List.of())), List.of(RAW));

    @Test
    void everyWithCopy_changesOnlyItsComponent() throws Exception {
        int checked = 0;
        checked += check(J1, J2);
        checked += check(C1, C2);
        checked += check(D1, D2);
        checked += check(PT1, PT2);
        checked += check(T1, T2);
        checked += check(FP1, FP2);
        checked += check(SRC1, SRC2);
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void emptyFactories_holdNothingButWhatTheyAreGiven() {
        assertThat(Jingle.of(JingleAction.TRANSPORT_INFO, "s")).isEqualTo(new Jingle(JingleAction.TRANSPORT_INFO, "s",
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of()));
        assertThat(Content.of(Creator.RESPONDER, "a")).isEqualTo(new Content(Creator.RESPONDER, "a",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of()));
        assertThat(IceUdpTransport.empty()).isEqualTo(new IceUdpTransport(Optional.empty(), Optional.empty(),
                List.of(), List.of(), List.of(), List.of()));
        assertThat(RtpDescription.of("application").payloadTypes()).isEmpty();
    }

    /** For each one-argument withX of {@code a}'s record: a.withX(b.x()) differs from a in x alone. */
    private static int check(Record a, Record b) throws Exception {
        int n = 0;
        RecordComponent[] components = a.getClass().getRecordComponents();
        for (Method with : a.getClass().getMethods()) {
            if (!with.getName().startsWith("with") || with.getParameterCount() != 1) {
                continue;
            }
            String name = Character.toLowerCase(with.getName().charAt(4)) + with.getName().substring(5);
            RecordComponent changed = null;
            for (RecordComponent c : components) {
                changed = c.getName().equals(name) ? c : changed;
            }
            assertThat(changed).as(a.getClass().getSimpleName() + "." + with.getName() + " names a component")
                    .isNotNull();
            assertThat(changed.getAccessor().invoke(a)).as("samples differ in " + name)
                    .isNotEqualTo(changed.getAccessor().invoke(b));
            Object copy = with.invoke(a, changed.getAccessor().invoke(b));
            for (RecordComponent c : components) {
                Object expected = c == changed ? c.getAccessor().invoke(b) : c.getAccessor().invoke(a);
                assertThat(c.getAccessor().invoke(copy)).as(with.getName() + " -> " + c.getName())
                        .isEqualTo(expected);
            }
            n++;
        }
        return n;
    }
}
