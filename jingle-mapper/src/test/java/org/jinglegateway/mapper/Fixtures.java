package org.jinglegateway.mapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The client fixtures under src/test/resources/fixtures: captured from real browsers and StanzaJS (chrome/,
 * firefox/, stanzajs/), and modelled from other clients' code (modelled/<client>/, see each SOURCES.md), named
 * by their path, e.g. {@code modelled/dino/session-initiate-audio.xml}.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every fixture file whose name ends with the suffix, as "source/file" names, sorted. */
    public static List<String> named(String suffix) {
        try (Stream<Path> files = Files.walk(root())) {
            List<String> names = files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(p -> root().relativize(p).toString().replace('\\', '/')).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no fixtures ending in " + suffix + " under " + root());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String name) {
        try {
            return Files.readString(root().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
