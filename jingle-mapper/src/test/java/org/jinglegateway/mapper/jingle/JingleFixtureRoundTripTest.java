package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dom4j.Element;
import org.jinglegateway.mapper.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.ElementSelectors;

/**
 * Every Jingle stanza in the shapes clients send (captured, or modelled from their code) reads and writes back
 * similar (XMLUnit).
 */
final class JingleFixtureRoundTripTest {

    /** Jitsi's own actions, which XEP-0166 does not define: refused with the allowed list (see the test below). */
    private static final List<String> NON_STANDARD = List.of("modelled/jitsi/source-add-jicofo.xml");

    /** The .xml fixtures that hold a {@code <jingle>} (the others are XEP-0353 messages). */
    static List<String> jingleFixtures() {
        return Fixtures.named(".xml").stream().filter(n -> Fixtures.read(n).contains("<jingle"))
                .filter(n -> !NON_STANDARD.contains(n)).toList();
    }

    @org.junit.jupiter.api.Test
    void jitsiSourceAdd_isRefusedListingTheXep0166Actions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JingleReader.read(Fixtures.read(NON_STANDARD.get(0))))
                .isInstanceOf(JingleParseException.class)
                .hasMessageStartingWith("/jingle/@action: action must be one of content-accept, content-add,")
                .hasMessageEndingWith("found \"source-add\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jingleFixtures")
    void stringAndDom4jSinks_writeTheSameXml(String name) {
        Jingle j = JingleReader.read(Fixtures.read(name));
        Diff diff = DiffBuilder.compare(JingleWriter.toElement(j).asXML()).withTest(JingleWriter.toXml(j))
                .checkForIdentical().build();
        assertThat(diff.hasDifferences()).as("%s: %s", name, diff).isFalse();
        assertThat(JingleReader.read(JingleWriter.toXml(j))).isEqualTo(j);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jingleFixtures")
    void fixture_writesBackSimilar(String name) {
        Element original = parse(Fixtures.read(name));
        Element jingle = original.getName().equals("jingle") ? original
                : original.element(org.dom4j.QName.get("jingle", Namespaces.JINGLE));
        String written = JingleWriter.toXml(JingleReader.read(original));
        Diff diff = DiffBuilder.compare(jingle.asXML()).withTest(written)
                .ignoreWhitespace().ignoreComments().checkForSimilar()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byNameAndAllAttributes,
                        ElementSelectors.byName))
                .build();
        assertThat(diff.hasDifferences()).as("%s differs:%n%s%nwritten:%n%s", name, diff, written).isFalse();
    }

    /** One reading logic, two sources: Tinder's dom4j element read in place and the string's own XmlNode tree. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jingleFixtures")
    void stringAndDom4jSources_readTheSameJingle(String name) {
        String xml = Fixtures.read(name);
        assertThat(JingleReader.read(xml)).isEqualTo(JingleReader.read(parse(xml)));
    }

    /** The original parsed by dom4j's own SAX parser: independent of the reader under test. */
    private static Element parse(String xml) {
        try {
            return org.dom4j.DocumentHelper.parseText(xml).getRootElement();
        } catch (org.dom4j.DocumentException e) {
            throw new AssertionError(e);
        }
    }
}
