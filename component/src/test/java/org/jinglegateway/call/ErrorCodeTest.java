package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The error codes are one list: the enum, the table in docs/protocol.md and the browser SDK's words agree (the SDK,
 * sdk/*.js, owns the protocol; the softphone in web/ shows its words).
 */
final class ErrorCodeTest {
    private static final Path PROTOCOL = Path.of("../docs/protocol.md");
    private static final Path SDK = Path.of("../sdk");
    private static final Path SDK_WORDS = SDK.resolve("words.js");
    private static final Path SDK_CALL = SDK.resolve("call.js");
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");
    private static final Pattern WORDS_KEY = Pattern.compile("^\\s*(?:'([^']+)'|([A-Za-z][A-Za-z0-9_-]*))\\s*:");

    @Test
    void enumTokens_areExactlyTheCodesOfTheProtocolDocsTable() throws IOException {
        assertThat(documentedCodes()).containsExactlyInAnyOrderElementsOf(tokens()).doesNotHaveDuplicates();
    }

    @Test
    void sdkErrorWords_nameEveryEnumCodeAndNothingElse() throws IOException {
        assertThat(sdkCodes()).containsExactlyInAnyOrderElementsOf(tokens()).doesNotHaveDuplicates();
    }

    @Test
    void everyOtherCodeTheSdkOrSoftphoneNames_isAnEnumCode() throws IOException {
        List<String> named = new ArrayList<>();
        Matcher fatal = Pattern.compile("FATAL_CALL_ERRORS = new Set\\(\\[([^\\]]*)]")
                .matcher(Files.readString(SDK_CALL, StandardCharsets.UTF_8));
        assertThat(fatal.find()).as("sdk/call.js has FATAL_CALL_ERRORS").isTrue();
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(fatal.group(1));
        while (quoted.find()) {
            named.add(quoted.group(1));
        }
        for (Path dir : List.of(SDK, WEB)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                    Matcher compared = Pattern.compile("code === '([^']+)'")
                            .matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (compared.find()) {
                        named.add(compared.group(1));
                    }
                }
            }
        }
        assertThat(named).isNotEmpty().allSatisfy(code -> assertThat(ErrorCode.of(code)).as(code).isPresent());
    }

    @Test
    void everyToken_looksItsCodeUp() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.of(code.token())).contains(code);
        }
        assertThat(ErrorCode.of("BAD_SDP")).isEmpty();
    }

    private static List<String> tokens() {
        return Arrays.stream(ErrorCode.values()).map(ErrorCode::token).toList();
    }

    /** The first column of the table under the heading "## Error codes", up to the next heading. */
    private static List<String> documentedCodes() throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Error codes");
        assertThat(start).as("docs/protocol.md has a heading \"## Error codes\"").isNotNegative();
        List<String> codes = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher m = TABLE_ROW.matcher(line);
            if (m.find()) {
                codes.add(m.group(1));
            }
        }
        return codes;
    }

    /** The keys of the SDK's ERROR_WORDS object. */
    private static List<String> sdkCodes() throws IOException {
        String js = Files.readString(SDK_WORDS, StandardCharsets.UTF_8);
        int start = js.indexOf("const ERROR_WORDS = Object.freeze({");
        assertThat(start).as("sdk/words.js has const ERROR_WORDS").isNotNegative();
        String body = js.substring(js.indexOf('{', start) + 1, js.indexOf("});", start));
        List<String> codes = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            Matcher m = WORDS_KEY.matcher(line);
            if (m.find()) {
                codes.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return codes;
    }
}
