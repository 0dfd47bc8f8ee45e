package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    @Test
    void everyAttributeTheTranslationReads_hasARow() throws IOException {
        String doc = Files.readString(DOC);
        for (String attribute : Set.of("mid", "sendrecv", "rtpmap", "fmtp", "rtcp-fb", "extmap", "extmap-allow-mixed",
                "ssrc", "ssrc-group", "msid", "rtcp-mux", "ice-ufrag", "ice-pwd", "ice-options", "fingerprint",
                "setup", "candidate", "sctp-port", "max-message-size", "sctpmap", "ptime", "maxptime", "rtcp",
                "bundle-only", "group", "msid-semantic")) {
            assertThat(doc).as("a row for a=" + attribute).contains("`a=" + attribute);
        }
    }
}
