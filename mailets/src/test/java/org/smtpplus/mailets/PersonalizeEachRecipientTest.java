package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.MemorySendingDomainRepository;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;

class PersonalizeEachRecipientTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RecipientTokens TOKENS = new RecipientTokens("1172580b35abbc6862a9e1ae9dfaec95ded0c2b0f97205b290343afcc1a000b8",
        new TokenAddresses("bounces.example", domain -> false), URI.create("https://relay.example"));

    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemorySendingDomainRepository sendingDomains = new MemorySendingDomainRepository();
    private final List<FakeMailContext.SentMail> handedOver = new ArrayList<>();
    private MailProcessor processors = copy -> handedOver.add(FakeMailContext.fromMail(copy).build());
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        context = FakeMailContext.defaultContext();
    }

    @Test
    void handsOneCopyPerRecipientToTransportWithoutTheSubmissionMarker() throws Exception {
        Mail mail = submission("{\"list\":\"news\"}", "ann@example.com", "bob@example.com");

        mailet(suppressions).service(mail);

        assertThat(handedOver).hasSize(2);
        assertThat(handedOver).allSatisfy(copy -> {
            assertThat(copy.getState()).isEqualTo("transport");
            // marked as MailetContext.sendMail marks mail: the transport's SentByMailet lets it relay
            assertThat(copy.getAttributes()).containsKey(Mail.SENT_BY_MAILET_ATTRIBUTE.getName());
            assertThat(copy.getRecipients()).hasSize(1);
            assertThat(MailAttributes.accountOf(attributesOf(copy))).isEmpty();
            assertThat(MailAttributes.directiveOf(attributesOf(copy))).isEmpty();
        });
        assertThat(handedOver.stream().flatMap(copy -> copy.getRecipients().stream())
            .map(MailAddress::asString).collect(Collectors.toList()))
            .containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        // no copy waits in the spool queue
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void theReturnPathIsAtTheBounceDomainUnlessTheFromDomainIsRegisteredToTheAccount() throws Exception {
        sendingDomains.insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example",
            new DkimKey("s1", new byte[0], new byte[0], NOW), Optional.empty(), Optional.empty()));

        mailet(suppressions).service(submissionFrom("shop", "News <news@Shop.Example>", "{}", "ann@example.com"));
        mailet(suppressions).service(submissionFrom("shop", "app@news.shop.example", "{}", "bob@example.com"));
        mailet(suppressions).service(submissionFrom("other", "app@shop.example", "{}", "cid@example.com"));
        mailet(suppressions).service(submissionFrom("shop", "app@unregistered.example", "{}", "dan@example.com"));

        assertThat(handedOver).extracting(copy -> copy.getRecipients().iterator().next().asString() + " "
                + copy.getSender().getDomain().asString())
            .containsExactly("ann@example.com bounces.shop.example", "bob@example.com bounces.shop.example",
                "cid@example.com bounces.example", "dan@example.com bounces.example");
        assertThat(handedOver).allSatisfy(copy -> assertThat(copy.getSender().getLocalPart()).startsWith("bounces+"));
        // RFC 8058's mailto stays at the bounce domain
        assertThat(handedOver.get(0).getMsg().getHeader("List-Unsubscribe", null))
            .contains("@bounces.example>").doesNotContain("shop.example>");
    }

    @Test
    void aFromOfSeveralDomainsKeepsTheBounceDomainAsItKeepsTheRelaysKey() throws Exception {
        sendingDomains.insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example",
            new DkimKey("s1", new byte[0], new byte[0], NOW), Optional.empty(), Optional.empty()));

        // RFC 7489 section 6.6.1: no single author domain, even when the first mailbox's is registered.
        mailet(suppressions).service(submissionFrom("shop", "a@shop.example, b@other.example", "{}", "ann@example.com"));

        assertThat(handedOver).singleElement()
            .satisfies(copy -> assertThat(copy.getSender().getDomain().asString()).isEqualTo("bounces.example"));
    }

    @Test
    void registersEveryRelayedRecipientInTheList() throws Exception {
        mailet(suppressions).service(submission("{\"list\":\"news\"}", "ann@example.com"));

        assertThat(subscribers.get("news", "ann@example.com")).hasValueSatisfying(subscriber -> {
            assertThat(subscriber.status()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(subscriber.lastSent()).contains(NOW);
        });
    }

    @Test
    void aSuppressedRecipientGetsNoCopyAndASuppressedEvent() throws Exception {
        suppressions.add(new Suppression("bob@example.com", Optional.of("news"), SuppressionReason.UNSUBSCRIBE, NOW));

        mailet(suppressions).service(submission("{\"list\":\"news\",\"customId\":\"c-1\"}", "ann@example.com", "bob@example.com"));

        assertThat(handedOver).hasSize(1);
        assertThat(handedOver.get(0).getRecipients()).containsExactly(new MailAddress("ann@example.com"));
        assertThat(events.recorded()).filteredOn(event -> event.type() == EventType.ACCEPTED)
            .extracting(event -> event.recipient()).containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        assertThat(events.recorded()).filteredOn(event -> event.type() == EventType.SUPPRESSED).singleElement().satisfies(event -> {
            assertThat(event.recipient()).isEqualTo("bob@example.com");
            assertThat(event.customId()).contains("c-1");
            assertThat(event.status()).contains("unsubscribe");
        });
        assertThat(subscribers.get("news", "bob@example.com")).isEmpty();
    }

    @Test
    void aStoreOutageSendsTheWholeMailBackLaterAndNoCopy() throws Exception {
        SuppressionRepository unavailable = StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository()).down().port();
        Mail mail = submission("{}", "ann@example.com");
        mail.setState("smtpplus");

        mailet(unavailable).service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(retry -> {
            assertThat(retry.getState()).isEqualTo("smtpplus");
            assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(10_000, TimeUnit.MILLISECONDS));
            assertThat(MailAttributes.accountOf(attributesOf(retry))).contains("shop");
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(subscribers.get("default", "ann@example.com")).isEmpty();
        assertThat(handedOver).isEmpty();
    }

    @Test
    void aLongOutageIsRetriedAsOftenAsItTakes() throws Exception {
        PersonalizeEachRecipient mailet = mailet(StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository()).down().port());
        Mail mail = submission("{}", "ann@example.com");

        for (int retry = 0; retry < 20; retry++) {
            mail.setState("smtpplus");
            mailet.service(mail);
        }

        assertThat(context.getSentMails()).hasSize(20)
            .allSatisfy(retry -> assertThat(retry.getState()).isEqualTo("smtpplus"));
    }

    @Test
    void aMessageToAThousandRecipientsHoldsOneChunkOfCopiesAtATime() throws Exception {
        // copies made (their recipients registered in the list) but not yet handed over, at each hand-over
        List<Integer> inFlight = new ArrayList<>();
        processors = copy -> {
            handedOver.add(FakeMailContext.fromMail(copy).build());
            inFlight.add(registered("news", 1_000) - handedOver.size() + 1);
        };

        mailet(suppressions).service(submission("{\"list\":\"news\"}", recipients(1_000)));

        assertThat(handedOver).hasSize(1_000);
        assertThat(handedOver.stream().map(copy -> copy.getRecipients().iterator().next().asString()).distinct()).hasSize(1_000);
        // the heap a fan-out needs does not grow with its recipients: one chunk of copies, whatever their number
        assertThat(inFlight.stream().mapToInt(Integer::intValue).max()).hasValue(PersonalizeEachRecipient.CHUNK);
    }

    @Test
    void aStoreOutageMidwayLeavesOnTheSubmissionOnlyTheRecipientsWithoutACopy() throws Exception {
        StoreOutage<SuppressionRepository> outage = StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository());
        String[] recipients = recipients(250);
        // the third chunk meets the outage (the store is asked for a chunk's recipients together): two chunks of
        // copies have been handed over
        outage.failNextWith("suppressingAll", List.of(recipients).subList(2 * PersonalizeEachRecipient.CHUNK, recipients.length));
        PersonalizeEachRecipient mailet = mailet(outage.port());
        Mail mail = submission("{\"list\":\"news\"}", recipients);
        mail.setState("smtpplus");

        mailet.service(mail);

        assertThat(handedOver).hasSize(2 * PersonalizeEachRecipient.CHUNK);
        assertThat(context.getSentMails()).singleElement().satisfies(retry -> {
            assertThat(retry.getState()).isEqualTo("smtpplus");
            assertThat(retry.getRecipients()).containsExactlyElementsOf(addresses(recipients, 2 * PersonalizeEachRecipient.CHUNK));
        });

        // its retry, the store back
        Mail retried = submission("{\"list\":\"news\"}", context.getSentMails().get(0).getRecipients().stream()
            .map(MailAddress::asString).toArray(String[]::new));
        mailet.service(retried);

        assertThat(handedOver.stream().map(copy -> copy.getRecipients().iterator().next().asString()))
            .containsExactlyInAnyOrder(recipients);
        assertThat(events.recorded()).filteredOn(event -> event.type() == EventType.ACCEPTED)
            .extracting(event -> event.recipient()).containsExactlyInAnyOrder(recipients);
    }

    @Test
    void aCopyTheProcessorFailsOnStaysOnTheSubmissionWithThoseAfterIt() throws Exception {
        processors = copy -> {
            if (handedOver.size() == 2) {
                throw new MessagingException("outgoing queue unavailable");
            }
            handedOver.add(FakeMailContext.fromMail(copy).build());
        };
        Mail mail = submission("{}", "ann@example.com", "bob@example.com", "cid@example.com", "dan@example.com");
        mail.setState("smtpplus");

        mailet(suppressions).service(mail);

        assertThat(handedOver).extracting(copy -> copy.getRecipients().iterator().next().asString())
            .containsExactly("ann@example.com", "bob@example.com");
        assertThat(context.getSentMails()).singleElement().satisfies(retry -> {
            assertThat(retry.getState()).isEqualTo("smtpplus");
            assertThat(retry.getRecipients()).containsExactly(new MailAddress("cid@example.com"), new MailAddress("dan@example.com"));
        });
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    private int registered(String list, int recipients) {
        int count = 0;
        for (int i = 0; i < recipients; i++) {
            if (subscribers.get(list, "r" + i + "@example.com").isPresent()) {
                count++;
            }
        }
        return count;
    }

    private static String[] recipients(int count) {
        String[] recipients = new String[count];
        for (int i = 0; i < count; i++) {
            recipients[i] = "r" + i + "@example.com";
        }
        return recipients;
    }

    private static List<MailAddress> addresses(String[] recipients, int from) throws Exception {
        List<MailAddress> addresses = new ArrayList<>();
        for (int i = from; i < recipients.length; i++) {
            addresses.add(new MailAddress(recipients[i]));
        }
        return addresses;
    }

    @Test
    void anUnknownParameterFailsInit() {
        assertThatThrownBy(() -> mailet(suppressions, FakeMailetConfig.builder()
            .setProperty("processor", "transport")
            .setProperty("proccessor", "relay")))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Unexpected init parameters found: [proccessor]");
    }

    private PersonalizeEachRecipient mailet(SuppressionRepository suppressions) throws Exception {
        return mailet(suppressions, FakeMailetConfig.builder());
    }

    private PersonalizeEachRecipient mailet(SuppressionRepository suppressions, FakeMailetConfig.Builder config) throws Exception {
        PersonalizeEachRecipient mailet = new PersonalizeEachRecipient(new MemoryAccountRepository(), subscribers,
            suppressions, events, new DirectiveParser(CLOCK), TOKENS,
            new SendingDomains(sendingDomains, "bounces.example", "bounces.example", CLOCK), CLOCK, processors);
        mailet.init(config.mailetName("PersonalizeEachRecipient").mailetContext(context).build());
        return mailet;
    }

    // A mail with nothing but the attributes the mailet sent: what MailAttributes reads them from.
    private static Mail attributesOf(FakeMailContext.SentMail sent) throws MessagingException {
        return FakeMail.builder().name("sent").attributes(sent.getAttributes().values()).build();
    }

    private static Mail submission(String directive, String... recipients) throws Exception {
        return submissionFrom("shop", "app@shop.example", directive, recipients);
    }

    private static Mail submissionFrom(String account, String from, String directive, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(
            ("From: " + from + "\r\nTo: " + recipients[0] + "\r\nSubject: Hi {{name|there}}\r\n\r\nBody\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        Mail mail = FakeMail.builder()
            .name("m1")
            .sender("app@shop.example")
            .recipients(recipients)
            .mimeMessage(message)
            .build();
        MailAttributes.setAccount(mail, account);
        MailAttributes.setDirective(mail, new DirectiveParser(CLOCK).parseJson(directive));
        return mail;
    }
}
