package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuthorDomainTest {
    @Test
    void theDomainTheFromMailboxesShareInLowerCase() throws Exception {
        assertThat(authorDomain("From: \"Shop, News\" <News@Shop.Example>\r\n")).contains("shop.example");
        assertThat(authorDomain("From: a@shop.example,\r\n b@SHOP.example\r\n")).contains("shop.example");
        assertThat(authorDomain("From: team: a@group.example;\r\n")).contains("group.example");
    }

    @Test
    void noneForMailboxesOfSeveralDomains() throws Exception {
        // RFC 7489 section 6.6.1: no single author domain, whichever mailbox comes first.
        assertThat(authorDomain("From: a@shop.example, b@other.example\r\n")).isEmpty();
        assertThat(authorDomain("From: team: a@shop.example, b@other.example;\r\n")).isEmpty();
    }

    @Test
    void noneWithoutAMailbox() throws Exception {
        assertThat(authorDomain("Subject: no from\r\n")).isEmpty();
        assertThat(authorDomain("From: undisclosed:;\r\n")).isEmpty();
        assertThat(authorDomain("From: <<<\r\n")).isEmpty();
        assertThat(authorDomain("From: local-only\r\n")).isEmpty();
    }

    private static Optional<String> authorDomain(String header) throws Exception {
        return ParsedMessage.parse(new ByteArrayInputStream((header + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII))).authorDomain();
    }
}
