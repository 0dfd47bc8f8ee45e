package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.junit.jupiter.api.Test;

/** Every Jingle wire name is written once, in {@link JingleNames}, and readers and writers go through it. */
final class JingleNamesTest {
    private static final Path MAIN = Path.of("src/main/java/org/jinglegateway/mapper");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);

    /** The string literals of a source file, comments left out. */
    private static Set<String> literals(String file) throws IOException {
        String code = COMMENT.matcher(Files.readString(MAIN.resolve(file))).replaceAll("");
        Set<String> out = new TreeSet<>();
        Matcher m = LITERAL.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every name JingleNames holds: attribute constants and element local names. */
    private static Set<String> wireNames() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        for (Field f : JingleNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        for (JingleNames.Tag t : JingleNames.Tag.values()) {
            names.add(t.local());
        }
        return names;
    }

    @Test
    void readerAndWriter_shareNoStringLiteral() throws IOException {
        Set<String> shared = new TreeSet<>(literals("jingle/JingleReader.java"));
        shared.retainAll(literals("jingle/JingleWriter.java"));
        assertThat(shared).as("literals written in both JingleReader and JingleWriter").isEmpty();
    }

    @Test
    void readersAndWriters_spellNoWireNameThemselves() throws Exception {
        Set<String> names = wireNames();
        for (String file : new String[] {"jingle/JingleReader.java", "jingle/JingleWriter.java",
            "jingle/JingleMessages.java", "translate/SdesMapping.java"}) {
            Set<String> spelt = literals(file);
            spelt.retainAll(names);
            assertThat(spelt).as("wire names spelt in " + file + " instead of taken from JingleNames").isEmpty();
        }
    }

    @Test
    void candidateAttributes_areTheOnesTheCandidateModelKnows() {
        assertThat(IceCandidate.XML_ATTRIBUTES).containsExactlyInAnyOrder(JingleNames.COMPONENT,
                JingleNames.FOUNDATION, JingleNames.GENERATION, JingleNames.ID, JingleNames.IP, JingleNames.NETWORK,
                JingleNames.PORT, JingleNames.PRIORITY, JingleNames.PROTOCOL, JingleNames.REL_ADDR,
                JingleNames.REL_PORT, JingleNames.TYPE, JingleNames.TCPTYPE);
    }

    @Test
    void tags_areUniqueByNamespaceAndName() {
        Set<String> seen = new HashSet<>();
        for (JingleNames.Tag t : JingleNames.Tag.values()) {
            assertThat(seen.add("{" + t.namespace() + "}" + t.local())).as(t.name()).isTrue();
        }
    }

    @Test
    void startsOf_matchesSerialisedElementsOfThatName() {
        assertThat(JingleNames.Tag.ENCRYPTION.startsOf("<encryption xmlns=\"urn:xmpp:jingle:apps:rtp:1\"/>"))
                .isTrue();
        assertThat(JingleNames.Tag.ENCRYPTION.startsOf("<crypto/>")).isFalse();
        assertThat(JingleNames.Tag.GATHERING_COMPLETE.startsOf("")).isFalse();
    }
}
