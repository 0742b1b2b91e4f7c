package org.smtpplus.core.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReasonClassifierTest {
    private final ReasonClassifier classifier = new ReasonClassifier(BouncePhrases.builtIn());

    @ParameterizedTest(name = "{0} \"{1}\" is {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // a specific enhanced code decides
        "5.1.1  | 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown | user_unknown",
        "5.1.2  | Host unknown                                                          | host_unknown",
        "5.1.6  | Mailbox has moved                                                     | has_moved",
        "5.1.10 | 550 5.1.10 Null MX: this domain does not accept mail                  | not_accept",
        "5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup | user_unknown",
        "5.1.7  | 553 5.1.7 Sender address rejected: bad syntax                         | rejected",
        "5.1.8  | 553 5.1.8 Sender address rejected: Domain not found                   | rejected",
        "5.2.1  | The email account that you tried to reach is disabled                 | suspended",
        "5.2.2  | Mailbox full                                                          | mailbox_full",
        "5.2.3  | Message too big for system                                            | message_too_big",
        "5.3.4  | Message size exceeds fixed limit                                      | message_too_big",
        "5.4.4  | Host or domain name not found                                         | host_unknown",
        "5.4.7  | Delivery time expired                                                 | expired",
        "5.4.1  | No answer from host                                                   | network_error",
        "5.6.0  | Content conversion failed                                             | content_error",
        "5.7.1  | 550 5.7.1 Relay access denied                                         | policy_violation",
        "5.7.1  | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | blocked",
        "5.7.1  | 550 5.7.1 Message rejected: looks like spam                           | spam_detected",
        // X.7.1 is any refusal: a phrase says which (Yandex's "5.7.1 No such user!", bounce-corpus-mta)
        "5.7.1  | User unknown                                                          | user_unknown",
        "5.7.26 | Unauthenticated email is not accepted due to domain's DMARC policy    | auth_failure",
        "5.7.23 | SPF validation failed                                                 | auth_failure",
        // reverse DNS is about the sending IP: blocked (issue 14: "blocked (IP or reputation)")
        "5.7.25 | Reverse DNS validation failed                                         | blocked",
        "5.7.27 | Sender address has null MX                                            | rejected",
        "5.7.17 | Mailbox owner has changed                                             | has_moved",
        "5.5.3  | Too many recipients                                                   | rate_limited",
        "5.4.5  | Mail system congestion                                                | too_many_connections",
        // a mailbox status says the mailbox exists: no phrase makes it hard
        "5.2.1  | User unknown                                                          | suspended",
        "5.2.2  | 552 5.2.2 <a@example.com>: Recipient address rejected: over the limit | mailbox_full",
        // a phrase inside a longer one is no evidence: "quota exceeded" of a submission quota is no full mailbox
        "5.2.2  | 550 5.2.2 Submission quota exceeded                                   | rate_limited",
        // a transient code is never hard
        "4.1.1  | 450 4.1.1 Recipient address rejected: User unknown                    | expired",
        "4.2.2  | Over quota, try again later                                           | mailbox_full",
        "4.4.1  | Connection timed out                                                  | network_error",
        "4.7.1  | Greylisted, please try again later                                    | blocked",
        "-      | 450 User unknown in local recipient table                             | expired",
        // a generic code never outweighs a phrase: user unknown in words
        "5.0.0  | 550 No such user                                                      | user_unknown",
        "5.0.0  | unknown user                                                          | user_unknown",
        "5.5.0  | Requested action not taken: mailbox unavailable                       | user_unknown",
        "-      | 550 Requested action not taken: mailbox unavailable                   | user_unknown",
        "-      | 550 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table | user_unknown",
        "-      | 550 recipient address rejected                                        | user_unknown",
        "-      | 554 delivery error: dd This user doesn't have a yahoo.com account     | user_unknown",
        "-      | 552 delivery error: dd This user doesn't have a yahoo.com account     | user_unknown",
        "5.0.0  | The email account that you tried to reach does not exist              | user_unknown",
        "-      | 550 Invalid recipient <a@example.com>                                 | user_unknown",
        "-      | 550 no mailbox here by that name                                      | user_unknown",
        "5.0.0  | The e-mail address you entered couldn't be found. Please check the recipient's e-mail address | user_unknown",
        "-      | Sorry, no mailbox here by that name. (#5.1.1)                         | user_unknown",
        "-      | User jdoe (jdoe@example.com) not listed in Domino Directory           | user_unknown",
        "-      | 550 Invalid recipient <a@example.com> (#5.1.1)                        | user_unknown",
        "-      | 550 a@example.com... User unknown                                     | user_unknown",
        "-      | 550 Unrouteable address                                               | user_unknown",
        "5.0.0  | 550 5.1.1 <a@example.com>... User unknown                             | user_unknown",
        // host unknown in words
        "5.0.0  | Host or domain name not found. Name service error for name=example.invalid | host_unknown",
        "-      | Name service error for name=example.invalid type=MX: Host not found  | host_unknown",
        "-      | 550 no valid MX hosts found                                           | host_unknown",
        "-      | There are no DNS entries for the hostname nowhere.example.            | host_unknown",
        "-      | 550 Recipient address rejected: Domain not found                      | host_unknown",
        // the mailbox exists: filters, rules, suspension, full, rate limits, network
        "5.0.0  | 550 Message rejected by recipient's filter                            | filtered",
        "-      | 550 Blocked by user's settings                                        | filtered",
        "5.0.0  | 554 Message content rejected                                          | filtered",
        "5.0.0  | 550 Delivery failed: filtered by recipient's rules                    | filtered",
        "-      | 550 Mailbox disabled for this recipient                               | suspended",
        "-      | 550 Your message was rejected because the account is suspended        | suspended",
        "-      | 552 Requested mail action aborted: mailbox full                       | mailbox_full",
        "-      | 552 Requested mail action aborted: exceeded storage allocation        | mailbox_full",
        "-      | 552 sorry, message rejected                                           | mailbox_full",
        "-      | The users mailfolder is over the allowed quota (size). (#5.2.2)       | mailbox_full",
        "-      | 550 Too many messages from your account, try again later              | rate_limited",
        "5.0.0  | 554 Try again later                                                   | rate_limited",
        "-      | 421 Too many connections from your IP, blocked                        | too_many_connections",
        "-      | TLS handshake failed                                                  | network_error",
        "-      | lost connection with mx.example.com while receiving the initial server greeting | network_error",
        // gave up, and says why: the why decides (bounce-corpus-mta/README.md)
        "-      | mailbox is full: retry timeout exceeded                               | mailbox_full",
        "-      | retry timeout exceeded                                                | expired",
        "-      | 451 Temporary local problem - please try later                        | system_error",
        "-      | 451 Requested action aborted: local error in processing               | system_error",
        "-      | 421 Service not available                                             | system_error",
        // policy blocks with generic codes
        "5.0.0  | 554 Your IP is listed at Spamhaus                                     | blocked",
        "-      | 550 Rejected due to IP reputation                                     | blocked",
        "-      | 550 SPF check failed                                                  | auth_failure",
        "5.0.0  | 550 Unauthenticated mail rejected due to the sender domain's DMARC policy | auth_failure",
        "-      | 550 PTR record required                                               | blocked",
        "-      | 554 Message looks like spam                                           | spam_detected",
        // qmail relays for no such domain: a relay refusal, as its 5.7.1 says
        "-      | 553 sorry, that domain isn't in my list of allowed rcpthosts          | policy_violation",
        "-      | Message rejected due to content restrictions                          | policy_violation",
        "-      | 550 Sender address rejected: Domain not found                         | rejected",
        "5.7.0  | Rejected                                                              | policy_violation",
        "5.7.606| Access denied, banned sending IP [192.0.2.1]                          | blocked",
        "5.7.708| 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP | blocked",
        "5.7.799| Service unavailable                                                   | policy_violation",
        "4.2.1  | 450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages | rate_limited",
        "4.2.1  | 450 4.2.1 Mailbox disabled, try again later                           | suspended",
        // nothing matched: undefined, soft, never hard
        "5.0.0  | Message rejected                                                      | undefined",
        "-      | Something went wrong                                                  | undefined",
        "-      | 550 Requested action not taken                                        | undefined",
        "-      | 554 Transaction failed                                                | undefined",
        "-      | -                                                                     | undefined",
        // a status that is no failure says nothing
        "2.0.0  | 550 Invalid recipient                                                 | user_unknown",
        "nonsense | 550 Invalid recipient                                               | user_unknown",
        // the cases of the former BounceClassifierTest (hard, soft, block) that neither the lines above nor
        // bounce-diagnostics.csv hold, with their reason
        "5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound                             | user_unknown",
        "5.1.7  | 553 5.1.7 <bounces+x@bounces.example>: Sender address rejected: bad syntax | rejected",
        // was soft. Office 365's unknown recipient says so with AS(201806281) (bounce-corpus-mta/o365-access-denied-dbeb.eml);
        // without it, the words are those of a Postfix access refusal, and a policy refusal never suppresses
        "5.4.1  | Recipient address rejected: Access denied                             | policy_violation",
        "5.4.1  | 550 5.4.1 Recipient address rejected: Access denied. AS(201806281)   | user_unknown",
        "5.7.1  | 554 5.7.1 <a@example.com>: Recipient address rejected: Access denied  | policy_violation",
        "5.0.0  | 550 5.0.0 <a@example.com>: Recipient address rejected: Access denied  | policy_violation",
        // the framing of a generic reply names a missing mailbox only when nothing else says why
        "5.0.0  | 554 5.0.0 Mailbox unavailable: your IP is listed at Spamhaus          | blocked",
        "5.7.1  | 550 5.7.1 Message rejected: recipient address rejected, sender not authorized | blocked",
        "4.1.1  | Recipient address rejected: User unknown                              | expired",
        "5.7.606| Access denied, banned sending IP                                      | blocked",
        "5.0.0  | 550 User unknown                                                      | user_unknown",
        "5.0.0  | 554 Your IP is blocked by spamhaus                                    | blocked",
        "4.0.0  | 450 User unknown                                                      | expired",
        // was soft under 554: issue 14 takes "mailbox unavailable" under a generic code for a missing mailbox
        "5.0.0  | 554 Requested action not taken: mailbox unavailable                   | user_unknown",
        // words that contradict each other are never hard
        "5.0.0  | 550 User unknown, mailbox full: try again later                       | rate_limited",
        "-      | 552 delivery error: dd This user doesn't have a example.com account   | user_unknown",
        "-      | 554 delivery error: dd This user doesn't have a example.com account   | user_unknown",
        "-      | 451 Temporary local problem                                           | system_error",
        "-      | Remote host said: 550 mailbox unavailable                             | user_unknown",
        "-      | User jdoe not listed in Domino Directory                              | user_unknown",
        "-      | There are no DNS entries for the hostname nowhere.example.  I cannot determine where to send this message. | host_unknown",
    })
    void classifies(String status, String diagnostic, String reason) {
        assertThat(classifier.classify(Optional.ofNullable(status), diagnostic == null ? "" : diagnostic).reason().asJson())
            .isEqualTo(reason);
    }

    @Test
    void namesTheEvidence() {
        ReasonClassifier.Classification byPhrase = classifier.classify(Optional.of("5.0.0"), "550 No such user here");
        assertThat(byPhrase.evidence()).isEqualTo(ReasonClassifier.Classification.Evidence.PHRASE);
        assertThat(byPhrase.phrase().orElseThrow().phrase()).isEqualTo("no such user");
        assertThat(byPhrase.type()).isEqualTo(BounceType.HARD);

        ReasonClassifier.Classification byCode = classifier.classify(Optional.of("5.1.1"), "gone");
        assertThat(byCode.evidence()).isEqualTo(ReasonClassifier.Classification.Evidence.STATUS_CODE);
        assertThat(byCode.phrase()).isEmpty();

        assertThat(classifier.classify(Optional.empty(), "552 too much").evidence())
            .isEqualTo(ReasonClassifier.Classification.Evidence.REPLY_CODE);
        ReasonClassifier.Classification nothing = classifier.classify(Optional.empty(), "huh");
        assertThat(nothing.evidence()).isEqualTo(ReasonClassifier.Classification.Evidence.NOTHING);
        assertThat(nothing.type()).isEqualTo(BounceType.SOFT);
    }

    @Test
    void usesAPhraseAnOperatorAdded(@TempDir Path home) throws IOException {
        Path table = home.resolve("phrases.txt");
        Files.writeString(table, "filtered\tkindly refused by our concierge\tExampleMTA\n", UTF_8);
        String diagnostic = "550 5.0.0 Kindly refused by our concierge";

        assertThat(classifier.classify(Optional.of("5.0.0"), diagnostic).reason()).isEqualTo(BounceReason.UNDEFINED);
        assertThat(new ReasonClassifier(BouncePhrases.withOperatorTable(table)).classify(Optional.of("5.0.0"), diagnostic)
            .reason()).isEqualTo(BounceReason.FILTERED);
    }
}
