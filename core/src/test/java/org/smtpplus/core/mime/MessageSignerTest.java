package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.MemorySendingDomainRepository;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.store.StoreUnavailableException;

class MessageSignerTest {
    // The verifier refuses a signature made in its future: the time of signing is now
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final MemorySendingDomainRepository REPOSITORY = new MemorySendingDomainRepository();
    private static SendingDomains domains;

    @BeforeAll
    static void domains() {
        domains = new SendingDomains(REPOSITORY, "relay.example", "bounces.relay.example", CLOCK);
        domains.ensureRelayDomain();
        REPOSITORY.insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example",
            DkimKey.generate("s2026", NOW), Optional.empty(), Optional.empty()));
        domains.changed();
    }

    private static byte[] message(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] COPY = message("From: Shop <app@shop.example>\nTo: ann@example.com\nSubject: Hi\n"
        + "Date: Sun, 06 Dec 2026 08:00:00 +0000\nMessage-ID: <1@shop.example>\nMIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
        + "List-Unsubscribe: <https://relay.example/u/T>, <mailto:unsubscribe+T@bounces.relay.example>\n"
        + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\nX-Mailer: app\n\nCiao è\n");

    @Test
    void aCopyOfARegisteredDomainIsSignedWithItsKeyOverTheContractFieldsWithFromOversigned() throws Exception {
        MessageSigner.Signed signed = new MessageSigner(domains, CLOCK).sign(COPY, Optional.of("shop"));

        assertThat(signed.domain()).isEqualTo("shop.example");
        assertThat(signed.selector()).isEqualTo("s2026");
        SignatureRecord signature = verified(signed.message());
        assertThat(signature.getDToken().toString()).isEqualTo("shop.example");
        assertThat(signature.getSelector().toString()).isEqualTo("s2026");
        assertThat(signature.getHeaders()).extracting(CharSequence::toString).containsExactly("from", "from", "to", "subject",
            "date", "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post");
        assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getSignatureTimestamp()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void theSignatureFieldIsFoldedInto78CharacterLinesAndTheMessageIs7bit() throws Exception {
        String signed = new String(new MessageSigner(domains, CLOCK).sign(COPY, Optional.of("shop")).message(), StandardCharsets.ISO_8859_1);

        String field = signed.substring(0, signed.indexOf("\r\nFrom:"));
        assertThat(field).startsWith("DKIM-Signature: ");
        // h= is hashed as written, so it is never folded
        assertThat(field.split("\r\n")).allMatch(line -> line.length() <= 78 || line.contains("h=from:from:"));
        assertThat(signed).contains("Content-Transfer-Encoding: quoted-printable\r\n").contains("Ciao =C3=A8");
    }

    @Test
    void anotherAccountsCopyAndMailOfNoAccountAreSignedWithTheRelaysKey() throws Exception {
        MessageSigner signer = new MessageSigner(domains, CLOCK);

        assertThat(signer.sign(COPY, Optional.of("other")).domain()).isEqualTo("relay.example");
        assertThat(signer.sign(COPY, Optional.empty()).domain()).isEqualTo("relay.example");
        assertThat(verified(signer.sign(COPY, Optional.empty()).message()).getDToken().toString()).isEqualTo("relay.example");
    }

    @Test
    void aSubdomainOfARegisteredDomainSignsWithTheRegisteredOne() throws Exception {
        byte[] message = message("From: news@mail.shop.example\nTo: ann@example.com\nSubject: s\n\nbody\n");

        assertThat(new MessageSigner(domains, CLOCK).sign(message, Optional.of("shop")).domain()).isEqualTo("shop.example");
    }

    @Test
    void fromMailboxesOfTwoDomainsAreSignedWithTheRelaysKey() throws Exception {
        byte[] message = message("From: a@shop.example, b@other.example\nTo: ann@example.com\nSubject: s\n\nbody\n");

        assertThat(new MessageSigner(domains, CLOCK).sign(message, Optional.of("shop")).domain()).isEqualTo("relay.example");
    }

    @Test
    void aMessageBeyondTheMimeLimitsIsSignedAsItCame() throws Exception {
        StringBuilder nested = new StringBuilder("From: a@stranger.example\nSubject: deep\nMIME-Version: 1.0\n");
        int depth = MessageLimits.MAX_NESTING_DEPTH + 1;
        for (int level = 0; level < depth; level++) {
            nested.append("Content-Type: multipart/mixed; boundary=b").append(level).append("\n\n--b").append(level).append("\n");
        }
        nested.append("Content-Type: text/plain\n\nè\n");
        for (int level = depth - 1; level >= 0; level--) {
            nested.append("--b").append(level).append("--\n");
        }
        byte[] message = message(nested.toString());

        byte[] signed = new MessageSigner(domains, CLOCK).sign(message, Optional.empty()).message();

        assertThat(new String(signed, StandardCharsets.UTF_8)).endsWith(new String(message, StandardCharsets.UTF_8));
        assertThat(verified(signed).getDToken().toString()).isEqualTo("relay.example");
    }

    @Test
    void jdkimReadingTheMessageItselfVerifiesWhatTheSignerReadForIt() throws Exception {
        // folded and repeated fields, blanks and empty lines at the body's end, bare LF and CR line breaks, no body,
        // a header that never ends, a field that is no field: each signed, then verified by jDKIM's own reading
        List<String> messages = List.of(
            "From: Shop <app@shop.example>\r\nTo: a@example.com\r\nTo: b@example.com\r\nSubject: a\r\n folded\r\n\tline\r\n"
                + "Date: Sun, 06 Dec 2026 08:00:00 +0000\r\n\r\nbody  \t \r\nline\r\n\r\n\r\n",
            "From: app@shop.example\nSubject: bare LF\n\nline\nlast line without a break",
            "From: app@shop.example\rSubject: bare CR\r\rline\r",
            "From: app@shop.example\r\nSubject: no body\r\n\r\n",
            "From: app@shop.example\r\nSubject: a header that never ends\r\n",
            "From: app@shop.example\r\nno field here\r\nSubject: after it\r\n\r\nbody\r\n");
        MessageSigner signer = new MessageSigner(domains, CLOCK);

        for (String text : messages) {
            MessageSigner.Signed signed = signer.sign(text.getBytes(StandardCharsets.US_ASCII), Optional.of("shop"));

            assertThat(verified(signed.message()).getDToken().toString()).as(text).isEqualTo(signed.domain());
        }
    }

    @Test
    void everyInstanceOfASignedFieldIsListed() {
        List<HeaderField> fields = List.of(HeaderField.of("From", "a@shop.example"), HeaderField.of("Received", "x"),
            HeaderField.of("To", "a@example.com"), HeaderField.of("to", "b@example.com"), HeaderField.of("Cc", "c@example.com"));

        assertThat(MessageSigner.signedFields(fields)).isEqualTo("from:from:to:to:cc");
    }

    @Test
    void aStoreOutageBeforeAnySnapshotIsNoSignature() {
        MessageSigner signer = new MessageSigner(
            new SendingDomains(OutageSendingDomainRepository.down(), "relay.example", "bounces.relay.example", CLOCK), CLOCK);

        assertThatThrownBy(() -> signer.sign(COPY, Optional.of("shop"))).isInstanceOf(StoreUnavailableException.class);
    }

    private static SignatureRecord verified(byte[] message) throws Exception {
        List<SignatureRecord> records = new DKIMVerifier((method, selector, domain) -> List.of(
            REPOSITORY.get(domain.toString()).orElseThrow().dkim().dnsRecordValue()))
            .verify(new ByteArrayInputStream(message));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void aChangedSubjectFailsVerification() throws Exception {
        String signed = new String(new MessageSigner(domains, CLOCK).sign(COPY, Optional.of("shop")).message(), StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> verified(signed.replace("Subject: Hi", "Subject: Ho").getBytes(StandardCharsets.ISO_8859_1)))
            .isInstanceOf(FailException.class);
    }
}
