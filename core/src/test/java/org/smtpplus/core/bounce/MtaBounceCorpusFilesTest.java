package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The files of src/test/resources/bounce-corpus-mta and bounce-diagnostics.csv are well formed: every line has its
 * columns, a reason of the vocabulary (docs/api.md) and the type that reason implies, and every message is listed.
 * What the classifier makes of them is asserted where it learns reasons. The lines are read by a small RFC 4180
 * reader below because the build has no CSV library and a test of data files does not justify adding one.
 */
class MtaBounceCorpusFilesTest {
    private static final String DIRECTORY = "/bounce-corpus-mta/";
    private static final Set<String> HARD = Set.of("user_unknown", "host_unknown", "has_moved", "not_accept");
    private static final Set<String> BLOCK =
        Set.of("blocked", "spam_detected", "policy_violation", "auth_failure", "rejected");
    private static final Set<String> SOFT = Set.of("mailbox_full", "suspended", "filtered", "expired", "network_error",
        "too_many_connections", "rate_limited", "message_too_big", "content_error", "system_error", "undefined");
    private static final Set<String> KINDS = Set.of("BOUNCE", "DELAYED", "DELIVERED", "AUTO_REPLY");

    @Test
    void everyExpectationIsWellFormed() {
        for (List<String> row : expectations()) {
            assertThat(row).as("%s", row).hasSize(8);
            String kind = row.get(1);
            String reason = row.get(4);
            assertThat(KINDS).as("kind of %s", row).contains(kind);
            if (kind.equals("BOUNCE")) {
                assertThat(vocabulary()).as("reason of %s", row).contains(reason);
                assertThat(row.get(5)).as("type of %s", row).isEqualTo(typeOf(reason));
            } else {
                assertThat(row.subList(3, 6)).as("%s is no bounce", row).containsOnly("");
            }
            assertThat(row.get(3)).as("status of %s", row).matches("|[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
            assertThat(row.get(6)).as("source of %s", row).isNotBlank();
            assertThat(row.get(7)).as("reference of %s", row).isNotBlank();
        }
    }

    @Test
    void everyMessageIsListedAndEveryListedMessageExists() {
        Set<String> listed = expectations().stream().map(row -> row.get(0)).collect(Collectors.toSet());

        assertThat(listed).containsExactlyInAnyOrderElementsOf(messageNames());
    }

    @Test
    void theCorpusIsLargeAndVaried() {
        List<List<String>> rows = expectations();

        assertThat(messageNames()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(rows.stream().map(row -> row.get(6)).distinct()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(rows.stream().map(row -> row.get(4))).containsAll(vocabulary());
        assertThat(rows.stream().map(row -> row.get(1))).containsAll(KINDS);
    }

    @Test
    void theDiagnosticsTableCoversEveryReason() {
        List<List<String>> rows = rows(read("/bounce-diagnostics.csv"));

        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        for (List<String> row : rows) {
            assertThat(row).as("%s", row).hasSize(4);
            assertThat(row.get(1)).as("status of %s", row).matches("|[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
            assertThat(vocabulary()).as("reason of %s", row).contains(row.get(2));
            assertThat(row.get(3)).as("source of %s", row).isNotBlank();
        }
        assertThat(rows.stream().map(row -> row.get(2))).containsAll(vocabulary());
        assertThat(rows.stream().map(row -> row.get(0)).distinct()).hasSameSizeAs(rows);
    }

    private static Set<String> vocabulary() {
        return Stream.of(HARD, BLOCK, SOFT).flatMap(Set::stream).collect(Collectors.toSet());
    }

    private static String typeOf(String reason) {
        return HARD.contains(reason) ? "hard" : BLOCK.contains(reason) ? "block" : "soft";
    }

    private static List<List<String>> expectations() {
        return rows(read(DIRECTORY + "expected.csv"));
    }

    /** The lines after the header, without comment lines (#). */
    private static List<List<String>> rows(String csv) {
        return csv.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .skip(1)
            .map(MtaBounceCorpusFilesTest::fields)
            .collect(Collectors.toList());
    }

    /** RFC 4180 section 2: fields separated by commas, a quoted field may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote in %s", line).isFalse();
        fields.add(field.toString());
        return fields;
    }

    private static String read(String resource) {
        try (InputStream in = MtaBounceCorpusFilesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messageNames() {
        try (Stream<Path> files = Files.list(Paths.get(MtaBounceCorpusFilesTest.class.getResource(DIRECTORY).toURI()))) {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".eml"))
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
