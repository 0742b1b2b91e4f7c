package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.notification.NotificationAttachment;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class NotificationMailTest {
    private static final RecipientTokens TOKENS = new RecipientTokens("d7b6e329837fbe40c1b65d309d7e646fbf601726a7dfe73d137ae806e7c1e329",
        new TokenAddresses("bounces.example", domain -> false), URI.create("https://relay.example"));
    private static final NotificationTemplate.Rendered REPORT = NotificationTemplate.parse("Subject: Report for {{month}}\n\nThe list is attached: é.\n")
        .render(Map.of("month", "2026-11"));
    private static final String CSV = "recipient,type\r\ngone@example.com,hard\r\n";

    private final FakeMailContext context = FakeMailContext.defaultContext();

    private MimeMessage sent() {
        assertThat(context.getSentMails()).hasSize(1);
        return context.getSentMails().get(0).getMsg();
    }

    @Test
    void aNotificationWithoutAttachmentIsPlainText() throws Exception {
        NotificationMail.send(context, TOKENS, "relay.example", List.of("it@shop.example"), REPORT);

        MimeMessage message = sent();
        assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat((String) message.getContent()).isEqualToNormalizingNewlines("The list is attached: é.\n");
    }

    @Test
    void anAttachmentFollowsTheTextInAMixedMultipart() throws Exception {
        NotificationMail.send(context, TOKENS, "relay.example", List.of("it@shop.example"), REPORT,
            Optional.of(new NotificationAttachment("bounces-shop-2026-11.csv", "text/csv; charset=utf-8",
                CSV.getBytes(StandardCharsets.UTF_8))));

        MimeMessage message = sent();
        // what the relay hands to the spool, written and read back as a receiver would
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        MimeMessage received = new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray()));
        assertThat(received.getSubject()).isEqualTo("Report for 2026-11");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(new ContentType(received.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        assertThat(new ContentType(text.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat((String) text.getContent()).isEqualToNormalizingNewlines("The list is attached: é.\n");
        BodyPart file = parts.getBodyPart(1);
        ContentType fileType = new ContentType(file.getContentType());
        assertThat(fileType.getBaseType()).isEqualTo("text/csv");
        assertThat(fileType.getParameter("charset")).isEqualTo("utf-8");
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("bounces-shop-2026-11.csv");
        assertThat(new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSV);
    }
}
