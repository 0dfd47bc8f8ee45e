package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/mapping.md names only tests that exist, and has a row for every attribute the translation reads. */
final class MappingDocTest {
    private static final Path DOC = Path.of("../docs/mapping.md");
    private static final Pattern TEST_NAME = Pattern.compile("`([a-z][A-Za-z0-9]*_[A-Za-z0-9]+)`");

    @Test
    void everyNamedTest_exists() throws IOException {
        String doc = Files.readString(DOC);
        List<String> names = new ArrayList<>();
        Matcher m = TEST_NAME.matcher(doc);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSizeGreaterThan(20);
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).reduce("", String::concat);
        }
        for (String name : names) {
            assertThat(sources).as("test named in docs/mapping.md").contains("void " + name + "(");
        }
    }

    /** The first cell of each row of the conformance table (the SDP side). */
    private static List<String> sdpCells(String doc) {
        List<String> cells = new ArrayList<>();
        for (String line : doc.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| SDP") && !line.startsWith("| ---")) {
                cells.add(line.substring(2, line.indexOf(" | ")));
            }
        }
        return cells;
    }

    @Test
    void everyTableRow_hasADocRowNamingItsFocusedTest() throws IOException {
        String doc = Files.readString(DOC);
        List<String> lines = List.of(doc.split("\n"));
        for (AttributeRow<?> row : MappingTable.ROWS) {
            for (String name : row.names()) {
                // the name whole: `a=rtcp` is not `a=rtcp-fb`
                Pattern cell = Pattern.compile("`a=" + Pattern.quote(name) + "(?![a-z0-9-])");
                String line = lines.stream().filter(l -> l.startsWith("| ") && cell.matcher(l.substring(2)
                        .split(" \\| ")[0]).find()).findFirst().orElse(null);
                assertThat(line).as("a docs/mapping.md row whose SDP cell has `a=" + name + "`").isNotNull();
                assertThat(line).as("the row for a=" + name + " names a test of row " + row.id())
                        .containsPattern("`" + row.id() + "_[A-Za-z0-9]+`");
            }
        }
    }

    @Test
    void everyAttributeInTheDoc_hasATableRow() throws IOException {
        Pattern attribute = Pattern.compile("`a=([a-z][a-z0-9-]*)");
        for (String cell : sdpCells(Files.readString(DOC))) {
            Matcher m = attribute.matcher(cell);
            while (m.find()) {
                assertThat(MappingTable.row(m.group(1))).as("a MappingTable row for a=" + m.group(1)
                        + " (docs/mapping.md: " + cell + ")").isPresent();
            }
        }
    }
}
