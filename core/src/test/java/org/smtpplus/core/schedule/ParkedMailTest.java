package org.smtpplus.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ParkedMailTest {
    private static final byte[] CONTENT = "Subject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    private static ParkedMail mail(byte[] content) {
        return new ParkedMail("Mail1", Optional.of("news@shop.example"), List.of("jane@shop.example"),
            Map.of("smtpplus.account", "shop"), content);
    }

    @Test
    void theContentIsCopiedIn() {
        byte[] content = CONTENT.clone();
        ParkedMail mail = mail(content);

        content[0] = 'X';

        assertThat(mail.openContent()).hasBinaryContent(CONTENT);
        assertThat(mail.size()).isEqualTo(CONTENT.length);
    }

    @Test
    void theContentCannotBeChangedThroughItsView() {
        ParkedMail mail = mail(CONTENT);
        ByteBuffer view = mail.content();

        assertThatThrownBy(() -> view.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(view.remaining()).isEqualTo(CONTENT.length);
        assertThat(mail).isEqualTo(mail(CONTENT));
    }

    @Test
    void theEnvelopeAndAttributesAreCopied() {
        List<String> recipients = new ArrayList<>(List.of("jane@shop.example"));
        Map<String, String> attributes = new HashMap<>(Map.of("smtpplus.account", "shop"));
        ParkedMail mail = new ParkedMail("Mail1", Optional.empty(), recipients, attributes, CONTENT);

        recipients.add("joe@shop.example");
        attributes.put("smtpplus.account", "news");

        assertThat(mail.recipients()).containsExactly("jane@shop.example");
        assertThat(mail.attributes()).containsExactly(Map.entry("smtpplus.account", "shop"));
    }

    @Test
    void mailsWithTheSameContentAreEqual() {
        assertThat(mail(CONTENT)).isEqualTo(mail(CONTENT.clone())).hasSameHashCodeAs(mail(CONTENT.clone()));
        assertThat(mail(CONTENT)).isNotEqualTo(mail("Subject: ho\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void toStringLeavesTheContentOut() {
        assertThat(mail(CONTENT).toString())
            .contains("Mail1", "jane@shop.example", "size=" + CONTENT.length)
            .doesNotContain("Hello");
    }

    @Test
    void readTakesTheGivenNumberOfBytes() throws Exception {
        ParkedMail read = ParkedMail.read("Mail1", Optional.of("news@shop.example"), List.of("jane@shop.example"),
            Map.of("smtpplus.account", "shop"), new ByteArrayInputStream(CONTENT), CONTENT.length);

        assertThat(read).isEqualTo(mail(CONTENT));
    }

    @Test
    void readingAStreamTooShortFails() {
        assertThatThrownBy(() -> ParkedMail.read("Mail1", Optional.empty(), List.of("jane@shop.example"), Map.of(),
            new ByteArrayInputStream(CONTENT), CONTENT.length + 1))
            .isInstanceOf(EOFException.class);
    }

    @Test
    void aMailWithoutRecipientsIsRejected() {
        assertThatThrownBy(() -> new ParkedMail("Mail1", Optional.empty(), List.of(), Map.of(), CONTENT))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
