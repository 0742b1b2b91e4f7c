package org.smtpplus.core.bounce.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.RecipientFailure;

import org.junit.jupiter.api.Test;

class BounceParserTest {

    private static NonDeliveryReport bounce(String message) {
        InboundReport report = BounceParser.parse(bytes(message));
        assertThat(report).isInstanceOf(NonDeliveryReport.class);
        return (NonDeliveryReport) report;
    }

    private static <T extends InboundReport> T parsed(String message, Class<T> kind) {
        InboundReport report = BounceParser.parse(bytes(message));
        assertThat(report).isInstanceOf(kind);
        return kind.cast(report);
    }

    @Test
    void readsEveryFieldOfADeliveryStatusReport() {
        assertThat(bounce("postfix-user-unknown.eml").failures()).containsExactly(new RecipientFailure(
            Optional.of("nobody@example.org"),
            Optional.of("nobody@example.org"),
            Optional.of("5.1.1"),
            "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
            BounceReason.USER_UNKNOWN));
    }

    @Test
    void joinsTheLinesOfAMultilineReply() {
        assertThat(bounce("gmail-user-unknown.eml").failures().get(0).diagnostic()).isEqualTo(
            "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the"
                + " recipient's email address for typos or unnecessary spaces. For more information, go to"
                + " https://support.example.net/mail/?p=NoSuchUser d9-20020a05620a0d4900b0079f si1234567qkb.42 - gsmtp");
    }

    @Test
    void leavesOutTheDiagnosticTypeAndUnfolds() {
        assertThat(bounce("dsn-folded-diagnostic.eml").failures().get(0).diagnostic())
            .isEqualTo("550 Requested action not taken: mailbox unavailable");
        assertThat(bounce("postfix-host-not-found.eml").failures().get(0).diagnostic())
            .isEqualTo("Host or domain name not found. Name service error for name=nowhere.example.net type=A: Host not found");
    }

    @Test
    void quotesTheReplyOfATextBounceWithoutItsLeadIn() {
        assertThat(bounce("sendmail-old-text.eml").failures())
            .extracting(RecipientFailure::diagnostic)
            .containsExactly("550 5.1.1 <ghost@example.org>... User unknown", "552 5.2.2 <crammed@example.org>... Mailbox full");
        assertThat(bounce("exchange-text-ndr.eml").failures().get(0).diagnostic()).isEqualTo(
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient someone@corp.example.com not found by SMTP address lookup");
    }

    @Test
    void explainsATextBounceThatQuotesNoReply() {
        assertThat(bounce("lotus-domino.eml").failures().get(0).diagnostic())
            .isEqualTo("User jdoe (jdoe@notes.example.org) not listed in Domino Directory");
    }

    @Test
    void givesARecipientOnlyTheHeaderNamesTheReplyTheTextQuotes() {
        String bounce = "From: Mail Delivery System <Mailer-Daemon@mail.example.net>\n"
            + "X-Failed-Recipients: Gone@Example.org\n"
            + "Subject: Mail delivery failed: returning message to sender\n"
            + "\n"
            + "Delivery to gone at example dot org failed:\n"
            + "    550 5.1.1 User unknown\n";

        assertThat(BounceParser.parse(bounce.getBytes(StandardCharsets.US_ASCII))).isEqualTo(new NonDeliveryReport(
            List.of(new RecipientFailure(Optional.of("gone@example.org"), Optional.empty(), Optional.of("5.1.1"),
                "550 5.1.1 User unknown", BounceReason.USER_UNKNOWN))));
    }

    @Test
    void readsTheHeaderOfTheReportedMessage() {
        Complaint complaint = parsed("arf-abuse-yahoo.eml", Complaint.class);

        assertThat(complaint.originalHeader("message-id")).contains("<ArfYh1.1717402500@shop.example.com>");
        assertThat(complaint.originalHeader("List-Unsubscribe"))
            .contains("<https://u.example.com/u/ArfYh1>, <mailto:unsubscribe+ArfYh1@bounces.example.com>");
        assertThat(complaint.originalHeaders().get("received")).hasSize(1);
        assertThat(complaint.originalHeader("X-Absent")).isEmpty();
    }

    @Test
    void readsAReportedHeaderAloneAndUnfoldsIt() {
        Complaint complaint = parsed("arf-abuse-aol.eml", Complaint.class);

        assertThat(complaint.originalHeader("List-Unsubscribe"))
            .contains("<https://u.example.com/u/ArfAo3>, <mailto:unsubscribe+ArfAo3@bounces.example.com>");
        assertThat(complaint.originalHeader("Return-Path")).contains("<bounces+ArfAo3@bounces.example.com>");
    }

    @Test
    void keepsTheCaseOfTheReturnPathAComplaintNames() {
        Complaint complaint = parsed("arf-abuse-microsoft-jmrp.eml", Complaint.class);

        assertThat(complaint.originalMailFrom()).contains("bounces+ArfMs2@bounces.example.com");
        assertThat(complaint.originalRecipient()).contains("reader@example.com");
    }

    @Test
    void namesWhatMakesAnAutoReply() {
        assertThat(parsed("autoreply-german.eml", AutoReply.class).evidence())
            .isEqualTo("Subject: Abwesenheitsnotiz: Fr\u00fchjahrs-Newsletter");
        assertThat(parsed("vacation-sieve.eml", AutoReply.class).evidence()).isEqualTo("Auto-Submitted: auto-replied");
    }

    @Test
    void saysWhyAMailIsUnrecognised() {
        assertThat(parsed("arf-not-spam.eml", Unrecognised.class).reason()).contains("not-spam");
        assertThat(parsed("mdn-read-receipt.eml", Unrecognised.class).reason()).contains("disposition-notification");
        assertThat(parsed("empty.eml", Unrecognised.class).reason()).isEqualTo("empty mail");
    }

    @Test
    void aReportWinsOverItsAutoReplyMarks() {
        byte[] report = new String(bytes("postfix-user-unknown.eml"), StandardCharsets.UTF_8)
            .replace("Subject: Undelivered Mail Returned to Sender", "Subject: Automatic reply: Out of Office")
            .getBytes(StandardCharsets.UTF_8);

        assertThat(BounceParser.parse(report).kind()).isEqualTo(InboundReport.Kind.BOUNCE);
    }

    @Test
    void aDeliveryDaemonIsNeverOnVacation() {
        String bounce = "From: Mail Delivery System <MAILER-DAEMON@mail.example.net>\n"
            + "To: bounces+AbC123@bounces.example.com\n"
            + "Subject: Mail delivery failed: returning message to sender\n"
            + "Auto-Submitted: auto-replied\n"
            + "\n"
            + "A message that you sent could not be delivered to one or more of its recipients.\n"
            + "\n"
            + "  gone@example.org\n"
            + "    550 5.1.1 User unknown\n";

        assertThat(BounceParser.parse(bounce.getBytes(StandardCharsets.US_ASCII)).kind())
            .isEqualTo(InboundReport.Kind.BOUNCE);
    }

    @Test
    void aBounceOfAMessageAboutAVacationIsABounce() {
        String bounce = "From: postmaster@example.org\n"
            + "Subject: Undeliverable: Vacation deals for you\n"
            + "\n"
            + "Delivery has failed to these recipients or groups:\n"
            + "\n"
            + "gone@example.org\n"
            + "Remote Server returned '550 5.1.1 User unknown'\n";

        assertThat(BounceParser.parse(bounce.getBytes(StandardCharsets.US_ASCII)).kind())
            .isEqualTo(InboundReport.Kind.BOUNCE);
    }

    @Test
    void readsAStreamAsItReadsBytes() {
        for (String message : BounceCorpus.OWN.messageNames()) {
            assertThat(BounceParser.parse(new ByteArrayInputStream(bytes(message))))
                .isEqualTo(BounceParser.parse(bytes(message)));
        }
    }

    @Test
    void namesTheRecipientsOfADeliveryNotice() {
        assertThat(parsed("postfix-delivered.eml", DeliveryNotice.class).recipients()).isEqualTo(List.of("happy@example.org"));
        assertThat(parsed("exim-delayed.eml", DeliveryNotice.class).recipients()).isEqualTo(List.of("snail@example.org"));
    }

    @Test
    void readsTheRecipientAndTheErrorOfAnOpenSmtpdBounce() {
        // usr.sbin/smtpd/bounce.c: "address: error" lines, then the returned message after a sentence
        String bounce = "From: Mailer Daemon <MAILER-DAEMON@mx.example.net>\n"
            + "Subject: Delivery status notification: error\n"
            + "\n"
            + "    Hi!\n\n"
            + "    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
            + "    An error has occurred while attempting to deliver a message for\n"
            + "    the following list of recipients:\n\n"
            + "far@example.org: Network error on destination MXs\n"
            + "nobody@example.org: 550 5.1.1 Invalid recipient: <nobody@example.org>\n\n"
            + "    Below is a copy of the original message:\n\n"
            + "To: someone@example.org\n"
            + "Subject: Your order\n";

        InboundReport report = BounceParser.parse(bounce.getBytes(StandardCharsets.US_ASCII));

        assertThat(report).isInstanceOf(NonDeliveryReport.class);
        assertThat(((NonDeliveryReport) report).failures()).extracting(
                failure -> failure.finalRecipient().orElseThrow(), RecipientFailure::diagnostic, RecipientFailure::reason)
            .containsExactly(
                tuple("far@example.org", "Network error on destination MXs", BounceReason.NETWORK_ERROR),
                tuple("nobody@example.org", "550 5.1.1 Invalid recipient: <nobody@example.org>",
                    BounceReason.USER_UNKNOWN));
    }

    private static byte[] bytes(String message) {
        return BounceCorpus.OWN.bytes(message);
    }

    @Test
    void theSubjectOfATextBounceNeverMakesItHard() {
        // the subject quotes the returned message's own: its words may be the sender's
        String bounce = "From: MAILER-DAEMON@mx.example.net\n"
            + "To: bounces+token@bounces.example\n"
            + "Subject: Undeliverable: Your order 1001 - shipping address not found\n"
            + "\n"
            + "Your message could not be delivered to jane@example.org.\n";

        InboundReport report = BounceParser.parse(bounce.getBytes(StandardCharsets.US_ASCII));

        assertThat(report.kind()).isEqualTo(InboundReport.Kind.BOUNCE);
        assertThat(((NonDeliveryReport) report).failures()).singleElement().satisfies(failure -> {
            assertThat(failure.finalRecipient()).contains("jane@example.org");
            assertThat(failure.reason()).isEqualTo(BounceReason.UNDEFINED);
        });
    }
}
