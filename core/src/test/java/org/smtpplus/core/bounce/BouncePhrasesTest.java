package org.smtpplus.core.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BouncePhrasesTest {
    private final BouncePhrases phrases = BouncePhrases.builtIn();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table | user_unknown",
        "NO SUCH USER here                                    | user_unknown",
        "This user doesn\u2019t have a yahoo.com account      | user_unknown",
        "Host or domain name not found. Name service error    | host_unknown",
        "blocked by user's settings                           | filtered",
        "Too many connections from your IP, blocked           | too_many_connections",
        "Sender address rejected: Domain not found            | rejected",
        "The email account that you tried to reach is disabled | suspended",
        "Client host [192.0.2.1] blocked using zen.spamhaus.org | blocked",
        "Message rejected: looks like spam                    | spam_detected",
        "SPF check failed for 192.0.2.1                       | auth_failure",
    })
    void findsTheMostSpecificReason(String text, String reason) {
        assertThat(phrases.bestMatch(text).orElseThrow().reason().asJson()).isEqualTo(reason);
    }

    @Test
    void readsEveryRunOfWhiteSpaceAsOneSpace() {
        assertThat(phrases.bestMatch("550 unknown\t\r\n \u00a0 user").orElseThrow().phrase()).isEqualTo("unknown user");
    }

    @Test
    void reportsWhichPhraseMatchedAndWhereItComesFrom() {
        BouncePhrases.PhraseMatch match = phrases.bestMatch("Sorry, no mailbox here by that name. (#5.1.1)").orElseThrow();

        assertThat(match.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(match.phrase()).isEqualTo("no mailbox here by that name");
        assertThat(match.source()).isEqualTo("qmail");
    }

    @Test
    void listsEveryMatchTheLongestFirst() {
        List<String> found = phrases.matches("550 User unknown, mailbox full: try again later").stream()
            .map(BouncePhrases.PhraseMatch::phrase).collect(Collectors.toList());

        assertThat(found).containsExactly("try again later", "mailbox full", "user unknown");
    }

    @Test
    void breaksATieByPrecedenceSoThatADoubtDoesNotSuppress() {
        // "mailbox full" and "user unknown" have the same length
        assertThat(phrases.bestMatch("user unknown / mailbox full").orElseThrow().reason())
            .isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(BouncePhrases.PRECEDENCE.indexOf(BounceReason.USER_UNKNOWN))
            .isGreaterThan(BouncePhrases.PRECEDENCE.indexOf(BounceReason.SYSTEM_ERROR));
    }

    @Test
    void matchesNothingInAnUnrelatedText() {
        assertThat(phrases.matches("Something went wrong")).isEmpty();
        assertThat(phrases.matches("")).isEmpty();
    }

    @Test
    void readsNoFurtherThanItsBound() {
        String padding = "x".repeat(BouncePhrases.MAX_TEXT_LENGTH);

        assertThat(phrases.matches(padding.substring(20) + "user unknown")).isNotEmpty();
        assertThat(phrases.matches(padding + "user unknown")).isEmpty();
    }

    @Test
    void everyBuiltInPhraseFindsItself() {
        List<BouncePhrases.PhraseMatch> table = BouncePhrases.parse("built-in", builtInLines());
        assertThat(table).hasSizeGreaterThan(200);
        for (BouncePhrases.PhraseMatch phrase : table) {
            assertThat(phrases.matches("<<" + phrase.phrase().toUpperCase() + ">>"))
                .as(phrase.toString())
                .anySatisfy(match -> assertThat(match.reason()).isEqualTo(phrase.reason()));
        }
    }

    @Test
    void usesAPhraseAnOperatorAdded(@TempDir Path home) throws IOException {
        Path table = home.resolve("phrases.txt");
        Files.writeString(table, "# ours\n\nuser_unknown\tZorgle has left   the building\tour own MTA\n", UTF_8);
        String text = "550 zorgle has left the building";

        assertThat(phrases.matches(text)).isEmpty();
        BouncePhrases.PhraseMatch match = BouncePhrases.withOperatorTable(table).bestMatch(text).orElseThrow();
        assertThat(match.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(match.source()).isEqualTo("our own MTA");
        assertThat(BouncePhrases.withOperatorTable(table).bestMatch("No such user").orElseThrow().reason())
            .isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void namesTheLineOfABadTable(@TempDir Path home) throws IOException {
        Path table = home.resolve("phrases.txt");
        Files.writeString(table, "# ours\nvanished\tgone away\tus\n", UTF_8);
        assertThatThrownBy(() -> BouncePhrases.withOperatorTable(table))
            .hasMessageContaining("line 2").hasMessageContaining("unknown reason 'vanished'");

        Files.writeString(table, "user_unknown gone away\n", UTF_8);
        assertThatThrownBy(() -> BouncePhrases.withOperatorTable(table))
            .hasMessageContaining("line 1").hasMessageContaining("reason<TAB>phrase<TAB>source");

        Files.writeString(table, "user_unknown\tgone away\tus\tfeeble\n", UTF_8);
        assertThatThrownBy(() -> BouncePhrases.withOperatorTable(table))
            .hasMessageContaining("line 1").hasMessageContaining("the fourth field can only be 'weak', got 'feeble'");

        assertThatThrownBy(() -> BouncePhrases.withOperatorTable(home.resolve("missing.txt")))
            .hasMessageContaining("missing.txt");
    }

    @Test
    void aWeakPhraseCountsOnlyWhenNoOtherMatches(@TempDir Path home) throws IOException {
        Path table = home.resolve("phrases.txt");
        Files.writeString(table, "user_unknown\tdestinatario rifiutato\tour ISP\tweak\n", UTF_8);
        ReasonClassifier classifier = new ReasonClassifier(BouncePhrases.withOperatorTable(table));

        assertThat(BouncePhrases.withOperatorTable(table).bestMatch("550 Destinatario rifiutato").orElseThrow().weak()).isTrue();
        assertThat(classifier.classify(Optional.of("5.0.0"), "550 Destinatario rifiutato").reason())
            .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(classifier.classify(Optional.of("5.0.0"), "550 Destinatario rifiutato: mailbox full").reason())
            .isEqualTo(BounceReason.MAILBOX_FULL);
        // a specific code is better evidence than a weak phrase
        assertThat(classifier.classify(Optional.of("5.7.1"), "550 5.7.1 Destinatario rifiutato").reason())
            .isEqualTo(BounceReason.BLOCKED);
    }

    private static List<String> builtInLines() {
        try (var in = BouncePhrases.class.getResourceAsStream("bounce-phrases.txt")) {
            return new String(in.readAllBytes(), UTF_8).lines().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
