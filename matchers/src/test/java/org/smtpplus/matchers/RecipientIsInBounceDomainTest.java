package org.smtpplus.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class RecipientIsInBounceDomainTest {
    private static final RecipientTokens TOKENS = new RecipientTokens("9a1c6d8e2f4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344",
        new TokenAddresses("bounces.test", "bounces.shop.example"::equals), URI.create("https://relay.test"));

    @Test
    void matchesTheRecipientsOfTheBounceDomainAndOfTheRegisteredReturnPaths() throws Exception {
        RecipientIsInBounceDomain matcher = new RecipientIsInBounceDomain(TOKENS);
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsInBounceDomain").build());
        FakeMail mail = FakeMail.builder()
            .name("m1")
            .recipients("bounces+a@bounces.test", "bounces+b@bounces.shop.example", "ann@shop.example", "bob@example.com")
            .build();

        assertThat(matcher.match(mail)).containsExactlyInAnyOrder(
            new MailAddress("bounces+a@bounces.test"), new MailAddress("bounces+b@bounces.shop.example"));
    }
}
