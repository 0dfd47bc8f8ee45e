package org.jinglegateway.mapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Node;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;

/**
 * Structure-aware mutations of client input (the fixtures) for the property tests: an SDP is mutated line by line
 * and field by field, a Jingle stanza element by element and attribute by attribute (replace a value, drop or repeat
 * a line or element, bring one in from another client's fixture, insert control characters, huge values, deep nesting),
 * with a plain character edit at a uniformly chosen position as one operator among the others. Every position is
 * uniform within the seed it applies to. Values come from a dictionary of edge cases and from the seeds' own
 * fields, so that a mutation mostly gives a different, still well-formed model.
 */
public final class Mutations {
    /**
     * One mutated input.
     *
     * @param seed     the fixture (or derived seed) it came from
     * @param operator which operator made it, for {@code Statistics}
     * @param text     the mutated input
     */
    public record Mutant(String seed, String operator, String text) {
        @Override
        public String toString() {
            return operator + " of " + seed + ":\n" + text;
        }
    }

    /** Characters that must be refused, or carried safely, wherever they land. */
    public static final List<String> SPECIAL_CHARS = List.of("\u0000", "\u0001", "\u0008", "\u000b", "\u000c",
            "\u001f", "\u007f", "\u0085", "\u2028", "\ufffe", "\uffff", "\ud800", "\udc00", "\ud83d\ude00", "\t",
            "\r", "\n", " ", "\u00e9", "\ufffd", "<", "&", "\"", "'", ";", ":", "=", "/", "*");

    private static final List<String> EDGE_VALUES = List.of("", " ", "0", "1", "-1", "127", "128", "255", "256",
            "65535", "65536", "4294967295", "4294967296", "99999999999999999999", "*", "x", "a b", "a  b", "::",
            "a=b", "typ", "host", "relay", "udp", "tcp", "sha-256", "actpass", "active", "passive", "holdconn",
            "BUNDLE", "FID", "SIM", "sendonly", "recvonly", "inactive", "trr-int", "nack pli", "ccm fir",
            "webrtc-datachannel", "urn:x", "{8f1c}", "stream track", "1.5", "0x10", "+5", "\u00e9t\u00e9",
            "\u0001", "a\u0001b", "\ufffe", "a\tb");

    private static final int HUGE = 20_000;

    private Mutations() {
    }

    /**
     * The SDP seeds: every browser SDP fixture, and the SDP the mapper makes from every client's session-initiate
     * and session-accept (so that Conversations, Dino, Gajim, Jitsi, Monal, Movim and StanzaJS shape them too).
     */
    public static Map<String, String> sdpSeeds() {
        Map<String, String> seeds = new TreeMap<>();
        for (String name : Fixtures.named(".sdp")) {
            seeds.put(name, Fixtures.read(name));
        }
        for (String name : Fixtures.named(".xml")) {
            try {
                Jingle j = JingleReader.read(
                        Fixtures.read(name));
                Role writer = j.action() == JingleAction.SESSION_ACCEPT ? Role.RESPONDER : Role.INITIATOR;
                seeds.put(name + " as SDP", SdpWriter.write(JingleToSdp.translate(j, writer).value()));
            } catch (MapperException notASession) {
                // transport-info, session-terminate, XEP-0353 messages: no SDP to seed with
            }
        }
        return seeds;
    }

    /** The Jingle seeds: every client's Jingle fixture, and the Jingle the mapper makes from every browser SDP. */
    public static Map<String, String> jingleSeeds() {
        Map<String, String> seeds = new TreeMap<>();
        for (String name : Fixtures.named(".xml")) {
            String xml = Fixtures.read(name);
            if (xml.contains("<jingle")) {
                seeds.put(name, xml);
            }
        }
        for (String name : Fixtures.named(".sdp")) {
            SdpToJingle.Request request = name.contains("answer") ? SdpToJingle.Request.answer("sid1")
                    : SdpToJingle.Request.offer("sid1");
            seeds.put(name + " as Jingle", JingleWriter.toXml(SdpToJingle.translate(SdpParser.parse(
                    Fixtures.read(name)).value(), request).value()));
        }
        return seeds;
    }

    // ---------------------------------------------------------------------------------------------- SDP

    /** Mutations of these SDP seeds (name to text). */
    public static Arbitrary<Mutant> sdp(Map<String, String> seeds) {
        List<String> names = List.copyOf(seeds.keySet());
        List<String> lines = new ArrayList<>(new LinkedHashSet<>(seeds.values().stream()
                .flatMap(s -> s.lines()).filter(l -> !l.isEmpty()).toList()));
        List<String> values = dictionary(seeds.values().stream().flatMap(s -> s.lines())
                .flatMap(l -> fieldsOf(l).stream()).toList());
        Map<String, Arbitrary<Mutant>> perSeed = new HashMap<>();
        for (String name : names) {
            perSeed.put(name, sdpOperators(name, seeds.get(name), lines, values));
        }
        // built once per seed: flatMap only picks one, so a try costs one mutation, not eight arbitraries
        return Arbitraries.of(names).flatMap(perSeed::get);
    }

    private static Arbitrary<Mutant> sdpOperators(String name, String text, List<String> lines, List<String> values) {
        List<String> seedLines = splitLines(text);
        int n = seedLines.size();
        Arbitrary<Integer> line = Arbitraries.integers().between(0, n - 1);
        Arbitrary<Mutant> replaceValue = Combinators.combine(line, Arbitraries.of(values)).as((i, v) ->
                mutant(name, "replace a value", setLine(seedLines, i, withValue(seedLines.get(i), v))));
        Arbitrary<Mutant> replaceField = line.flatMap(i -> {
            List<String> fields = fieldsOf(seedLines.get(i));
            return Combinators.combine(Arbitraries.integers().between(0, Math.max(0, fields.size() - 1)),
                    Arbitraries.of(values)).as((k, v) -> mutant(name, "replace a field",
                    setLine(seedLines, i, withField(seedLines.get(i), k, v))));
        });
        Arbitrary<Mutant> dropLine = line.map(i -> {
            List<String> out = new ArrayList<>(seedLines);
            out.remove((int) i);
            return mutant(name, "drop a line", join(out));
        });
        Arbitrary<Mutant> repeatLine = Combinators.combine(line, Arbitraries.integers().between(0, n)).as((i, at)
                -> {
            List<String> out = new ArrayList<>(seedLines);
            out.add(at, seedLines.get(i));
            return mutant(name, "repeat a line", join(out));
        });
        Arbitrary<Mutant> foreignLine = Combinators.combine(Arbitraries.of(lines),
                Arbitraries.integers().between(0, n)).as((l, at) -> {
                    List<String> out = new ArrayList<>(seedLines);
                    out.add(at, l);
                    return mutant(name, "insert another client's line", join(out));
                });
        Arbitrary<Mutant> insertChar = line.flatMap(i -> Combinators.combine(
                Arbitraries.integers().between(0, seedLines.get(i).length()), Arbitraries.of(SPECIAL_CHARS))
                .as((p, c) -> mutant(name, "insert a special character", setLine(seedLines, i,
                        insert(seedLines.get(i), p, c)))));
        Arbitrary<Mutant> hugeValue = line.flatMap(i -> Combinators.combine(
                Arbitraries.integers().between(0, Math.max(0, fieldsOf(seedLines.get(i)).size() - 1)),
                Arbitraries.of("9", "a", "-")).as((k, c) -> mutant(name, "huge value", setLine(seedLines, i,
                withField(seedLines.get(i), k, c.repeat(HUGE))))));
        Arbitrary<Mutant> charEdit = charEdit(name, text);
        return Arbitraries.frequencyOf(
                Tuple.of(3, replaceValue), Tuple.of(4, replaceField),
                Tuple.of(2, dropLine), Tuple.of(2, repeatLine),
                Tuple.of(3, foreignLine), Tuple.of(2, insertChar),
                Tuple.of(1, hugeValue), Tuple.of(1, charEdit));
    }

    /** The lines of an SDP without their ends (CRLF, or LF for the LF-only seeds). */
    private static List<String> splitLines(String text) {
        return new ArrayList<>(text.lines().toList());
    }

    private static String join(List<String> lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String setLine(List<String> lines, int i, String line) {
        List<String> out = new ArrayList<>(lines);
        out.set(i, line);
        return join(out);
    }

    /** The value of {@code a=name:value}, or of {@code x=value}, replaced. */
    private static String withValue(String line, String value) {
        int colon = line.startsWith("a=") ? line.indexOf(':') : -1;
        int eq = line.indexOf('=');
        int cut = colon >= 0 ? colon + 1 : eq >= 0 ? eq + 1 : 0;
        return line.substring(0, cut) + value;
    }

    /** The line's k-th field (split at spaces, and after the {@code a=name:}) replaced. */
    private static String withField(String line, int k, String value) {
        int colon = line.startsWith("a=") ? line.indexOf(':') : -1;
        int eq = line.indexOf('=');
        int cut = colon >= 0 ? colon + 1 : eq >= 0 ? eq + 1 : 0;
        String[] f = line.substring(cut).split(" ", -1);
        f[Math.min(k, f.length - 1)] = value;
        return line.substring(0, cut) + String.join(" ", f);
    }

    private static List<String> fieldsOf(String line) {
        int colon = line.startsWith("a=") ? line.indexOf(':') : -1;
        int eq = line.indexOf('=');
        int cut = colon >= 0 ? colon + 1 : eq >= 0 ? eq + 1 : 0;
        return List.of(line.substring(cut).split(" ", -1));
    }

    private static String insert(String s, int at, String what) {
        return s.substring(0, at) + what + s.substring(at);
    }

    /** The blind operator: insert a special character or delete up to 8 characters anywhere in the text. */
    private static Arbitrary<Mutant> charEdit(String name, String text) {
        return Combinators.combine(Arbitraries.integers().between(0, text.length()), Arbitraries.of(SPECIAL_CHARS),
                Arbitraries.integers().between(0, 8)).as((at, c, cut) -> mutant(name, "character edit",
                text.substring(0, at) + c + text.substring(Math.min(text.length(), at + cut))));
    }

    private static List<String> dictionary(List<String> harvested) {
        Set<String> all = new LinkedHashSet<>(EDGE_VALUES);
        all.addAll(harvested);
        return List.copyOf(all);
    }

    private static Mutant mutant(String seed, String operator, String text) {
        return new Mutant(seed, operator, text);
    }

    // ------------------------------------------------------------------------------------------- Jingle

    private static final Map<String, Document> PARSED = new ConcurrentHashMap<>();

    /** Mutations of these Jingle seeds (name to XML text). */
    public static Arbitrary<Mutant> jingle(Map<String, String> seeds) {
        List<String> names = List.copyOf(seeds.keySet());
        List<String> elements = new ArrayList<>(new LinkedHashSet<>(seeds.values().stream()
                .flatMap(x -> allElements(parse(x)).stream()).filter(e -> !e.isRootElement())
                .map(Element::asXML).filter(x -> x.length() < 4000).toList()));
        List<String> values = dictionary(seeds.values().stream().flatMap(x -> allAttributes(parse(x)).stream())
                .map(Attribute::getValue).toList());
        Map<String, Arbitrary<Mutant>> perSeed = new HashMap<>();
        for (String name : names) {
            perSeed.put(name, jingleOperators(name, seeds.get(name), elements, values));
        }
        return Arbitraries.of(names).flatMap(perSeed::get);
    }

    private static Arbitrary<Mutant> jingleOperators(String name, String text, List<String> elements,
                                                 List<String> values) {
        Document seed = parse(text);
        int elementCount = allElements(seed).size();
        int attributeCount = allAttributes(seed).size();
        Arbitrary<Integer> element = Arbitraries.integers().between(0, elementCount - 1);
        Arbitrary<Integer> attribute = Arbitraries.integers().between(0, Math.max(0, attributeCount - 1));
        Arbitrary<Mutant> replaceAttribute = Combinators.combine(attribute, Arbitraries.of(values))
                .as((i, v) -> edit(name, "replace an attribute value", seed, d -> {
                    attributeAt(d, i).setValue(v);
                    return d;
                }));
        Arbitrary<Mutant> dropAttribute = attribute.map(i -> edit(name, "drop an attribute", seed, d -> {
            Attribute a = attributeAt(d, i);
            a.getParent().remove(a);
            return d;
        }));
        Arbitrary<Mutant> dropElement = element.map(i -> edit(name, "drop an element", seed, d -> {
            Element e = allElements(d).get(i);
            if (!e.isRootElement()) {
                e.getParent().remove(e);
            }
            return d;
        }));
        Arbitrary<Mutant> repeatElement = element.map(i -> edit(name, "repeat an element", seed, d -> {
            Element e = allElements(d).get(i);
            if (!e.isRootElement()) {
                e.getParent().add(e.createCopy());
            }
            return d;
        }));
        Arbitrary<Mutant> foreignElement = Combinators.combine(element, Arbitraries.of(elements))
                .as((i, x) -> edit(name, "insert another client's element", seed, d -> {
                    Element into = allElements(d).get(i);
                    Element e = parse(wrapped(x)).getRootElement().elements().get(0);
                    into.add(e.createCopy());
                    return d;
                }));
        Arbitrary<Mutant> specialChar = Combinators.combine(attribute, Arbitraries.of(SPECIAL_CHARS),
                Arbitraries.integers().between(0, 64)).as((i, c, at) -> edit(name,
                "insert a special character", seed, d -> {
                    Attribute a = attributeAt(d, i);
                    String v = a.getValue();
                    a.setValue(insert(v, Math.min(at, v.length()), c));
                    return d;
                }));
        Arbitrary<Mutant> hugeValue = Combinators.combine(attribute, Arbitraries.of("9", "a", "-"))
                .as((i, c) -> edit(name, "huge value", seed, d -> {
                    attributeAt(d, i).setValue(c.repeat(HUGE));
                    return d;
                }));
        Arbitrary<Mutant> deepNesting = Combinators.combine(element, Arbitraries.integers().between(1, 400))
                .as((i, depth) -> edit(name, "deep nesting", seed, d -> {
                    Element e = allElements(d).get(i);
                    for (int k = 0; k < depth; k++) {
                        e = e.addElement("x", "urn:example:deep");
                    }
                    return d;
                }));
        Arbitrary<Mutant> charEdit = charEdit(name, text);
        return Arbitraries.frequencyOf(
                Tuple.of(4, replaceAttribute), Tuple.of(2, dropAttribute),
                Tuple.of(2, dropElement), Tuple.of(2, repeatElement),
                Tuple.of(3, foreignElement), Tuple.of(2, specialChar),
                Tuple.of(1, hugeValue), Tuple.of(1, deepNesting),
                Tuple.of(1, charEdit));
    }

    /** Applies an edit to a copy of the seed document and writes it; dom4j writes what it is given. */
    private static Mutant edit(String name, String operator, Document seed, Function<Document, Document> change) {
        Document copy = (Document) seed.clone();
        return mutant(name, operator, change.apply(copy).getRootElement().asXML());
    }

    /** A foreign element is parsed inside a wrapper so its namespace declarations come along. */
    private static String wrapped(String elementXml) {
        return "<w>" + elementXml + "</w>";
    }

    private static Document parse(String xml) {
        return PARSED.computeIfAbsent(xml, x -> {
            try {
                return DocumentHelper.parseText(x);
            } catch (DocumentException e) {
                throw new IllegalStateException("seed is not XML: " + e.getMessage(), e);
            }
        });
    }

    /** Every element in document order, the root first. */
    private static List<Element> allElements(Document d) {
        List<Element> out = new ArrayList<>();
        collect(d.getRootElement(), out);
        return out;
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node n : e.content()) {
            if (n instanceof Element child) {
                collect(child, out);
            }
        }
    }

    private static List<Attribute> allAttributes(Document d) {
        List<Attribute> out = new ArrayList<>();
        for (Element e : allElements(d)) {
            out.addAll(e.attributes());
        }
        return out;
    }

    private static Attribute attributeAt(Document d, int i) {
        List<Attribute> all = allAttributes(d);
        return all.get(Math.min(i, all.size() - 1));
    }
}
