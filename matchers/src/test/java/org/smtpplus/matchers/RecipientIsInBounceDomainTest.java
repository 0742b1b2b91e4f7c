package org.smtpplus.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class RecipientIsInBounceDomainTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final Set<String> registered = new HashSet<>(Set.of("bounces.shop.example", "shop.example"));
    private final RecipientTokens tokens = new RecipientTokens("9a1c6d8e2f4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344",
        new TokenAddresses("bounces.test", registered::contains), URI.create("https://relay.test"));

    @Test
    void matchesTheBounceDomainAndTheTokenAddressesOfTheRegisteredReturnPaths() throws Exception {
        FakeMail mail = FakeMail.builder()
            .name("m1")
            .recipients("bounces+a@bounces.test", "postmaster@bounces.test", "bounces+b@bounces.shop.example",
                "unsubscribe+c@shop.example", "orders@shop.example", "ann@bounces.shop.example", "bob@example.com")
            .build();

        assertThat(matcher().match(mail)).containsExactlyInAnyOrder(new MailAddress("bounces+a@bounces.test"),
            new MailAddress("postmaster@bounces.test"), new MailAddress("bounces+b@bounces.shop.example"),
            new MailAddress("unsubscribe+c@shop.example"));
    }

    @Test
    void matchesTheReturnPathOfACopyAtADomainNoLongerRegistered() throws Exception {
        String returnPath = tokens.returnPath(new RecipientToken("shop", "news", "<m1@shop.example>", "jane@example.com", NOW),
            "bounces.shop.example");
        registered.remove("bounces.shop.example");
        FakeMail mail = FakeMail.builder()
            .name("m1")
            .recipients(returnPath, "bounces+b@bounces.shop.example", "bob@example.com")
            .build();

        assertThat(matcher().match(mail)).containsExactly(new MailAddress(returnPath));
    }

    @Test
    void aConditionFailsInit() {
        assertThatThrownBy(() -> new RecipientIsInBounceDomain(tokens).init(FakeMatcherConfig.builder()
            .matcherName("RecipientIsInBounceDomain").condition("bounces.test").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RecipientIsInBounceDomain takes no condition, got 'bounces.test'");
    }

    private RecipientIsInBounceDomain matcher() throws Exception {
        RecipientIsInBounceDomain matcher = new RecipientIsInBounceDomain(tokens);
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsInBounceDomain").build());
        return matcher;
    }
}
