package org.smtpplus.smtp;

import static org.smtpplus.smtp.Replies.assertDeclined;
import static org.smtpplus.smtp.Replies.assertPermanent;
import static org.smtpplus.smtp.Replies.assertTemporary;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.MemorySendingDomainRepository;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class BounceDomainRcptHookTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "0b1c6d8e2f4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344";

    private final MemorySendingDomainRepository repository = new MemorySendingDomainRepository();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();

    @Test
    void aTokenIsTakenAtTheBounceDomainAndAtARegisteredReturnPathFromAnyone() throws Exception {
        register("shop.example", "bounces.shop.example");
        RecipientTokens tokens = tokens(repository);

        for (String domain : List.of("bounces.test", "bounces.shop.example", "Bounces.Shop.Example")) {
            assertOk(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress(tokens.returnPath(token(), domain))));
        }
        assertOk(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(),
            new MailAddress("unsubscribe+" + tokens.issueUnsubscribe(token()) + "@bounces.shop.example")));
    }

    @Test
    void aBadTokenAtARegisteredReturnPathIsRefusedAsAtTheBounceDomain() throws Exception {
        register("shop.example", "bounces.shop.example");
        RecipientTokens tokens = tokens(repository);
        String forged = localPart(tokens.returnPath(token(), "bounces.test")).substring(2);

        for (String address : List.of("bounces+" + forged + "@bounces.shop.example", "postmaster@bounces.test",
            "bounces+" + forged + "@bounces.test",
            // A return path is bound to its domain.
            localPart(tokens.returnPath(token(), "bounces.test")) + "@bounces.shop.example")) {
            assertPermanent(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress(address)), "550", "5.1.1");
        }
        assertThat(metrics.countFor(BounceDomainRcptHook.REFUSED_METRIC)).isEqualTo(4);
    }

    @Test
    void otherDomainsAreLeftToTheRestOfTheChain() throws Exception {
        register("shop.example", "bounces.shop.example");
        RecipientTokens tokens = tokens(repository);
        String token = localPart(tokens.returnPath(token(), "bounces.shop.example"));

        for (String domain : List.of("shop.example", "example.com", "x.bounces.shop.example")) {
            assertDeclined(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress(token + "@" + domain)));
        }
        // Mailboxes of a return-path domain are someone's.
        assertDeclined(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress("postmaster@bounces.shop.example")));
    }

    @Test
    void aSendingDomainThatIsItsOwnReturnPathKeepsItsMailboxes() throws Exception {
        register("shop.example", "shop.example");
        RecipientTokens tokens = tokens(repository);

        for (String address : List.of("orders@shop.example", "Bounces@shop.example", "unsubscribe@shop.example")) {
            assertDeclined(hook(tokens).doRcpt(FakeSmtpSession.authenticatedAs("shop"), MaybeSender.of(new MailAddress("app@shop.example")),
                new MailAddress(address)));
        }
        assertOk(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress(tokens.returnPath(token(), "shop.example"))));
        assertPermanent(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress("bounces+forged@shop.example")),
            "550", "5.1.1");
    }

    @Test
    void aReturnPathNoLongerRegisteredStillTakesTheBouncesOfItsCopies() throws Exception {
        register("shop.example", "bounces.shop.example");
        String sentBefore = tokens(repository).returnPath(token(), "bounces.shop.example");
        repository.delete("shop.example");
        RecipientTokens tokens = tokens(repository);

        assertOk(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress(sentBefore)));
        assertDeclined(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress("bounces+forged@bounces.shop.example")));
    }

    @Test
    void aStoreThatNeverAnsweredMakesTheClientTryAgain() throws Exception {
        RecipientTokens tokens = tokens(OutageSendingDomainRepository.down());

        assertTemporary(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress("bounces+x@bounces.shop.example")),
            "451", "4.3.0");
        // The bounce domain needs no store.
        assertPermanent(hook(tokens).doRcpt(FakeSmtpSession.anonymous(), MaybeSender.nullSender(), new MailAddress("bounces+x@bounces.test")),
            "550", "5.1.1");
    }

    private void register(String domain, String returnPath) {
        repository.insertIfAbsent(new SendingDomain(domain, Optional.of("shop"), returnPath, new DkimKey("s1", new byte[0], new byte[0], NOW),
            Optional.empty(), Optional.empty()));
    }

    private static RecipientTokens tokens(SendingDomainRepository repository) {
        SendingDomains domains = new SendingDomains(repository, "bounces.test", "bounces.test", CLOCK);
        return new RecipientTokens(SECRET, new TokenAddresses("bounces.test", domains::isReturnPathDomain), URI.create("https://relay.test"));
    }

    private static String localPart(String address) {
        return address.substring(0, address.lastIndexOf('@'));
    }

    private static RecipientToken token() {
        return new RecipientToken("shop", "news", "<m1@shop.example>", "jane@example.com", NOW);
    }

    private BounceDomainRcptHook hook(RecipientTokens tokens) {
        return new BounceDomainRcptHook(tokens, metrics, CLOCK);
    }

    private static void assertOk(HookResult result) {
        assertThat(result.getResult().getAction()).as("%s", result).isEqualTo(HookReturnCode.Action.OK);
    }
}
