package org.smtpplus.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.usage.UncountedUsage;

class MailAttributesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final EventContext CONTEXT = new EventContext("shop", Optional.of("cust-7"), List.of("welcome"),
        "customers", "<m1@shop.example>", 1234, Map.of("order", "42", "a=b", ""));

    @Test
    void aMailWithoutAttributesIsNoSubmissionAndCarriesNothing() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();

        assertThat(MailAttributes.isSubmission(mail)).isFalse();
        assertThat(MailAttributes.accountOf(mail)).isEmpty();
        assertThat(MailAttributes.directiveOf(mail)).isEmpty();
        assertThat(MailAttributes.messageIdOf(mail)).isEmpty();
        assertThat(MailAttributes.acceptedAtOf(mail)).isEmpty();
        assertThat(MailAttributes.futureReleaseOf(mail)).isEmpty();
        assertThat(MailAttributes.uncountedUsageOf(mail)).isEmpty();
        assertThat(MailAttributes.eventContextOf(mail)).isEmpty();
    }

    @Test
    void whatASubmissionIsMarkedWithReadsBackTyped() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();
        Directive directive = new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson("{\"customId\":\"c-1\",\"list\":\"news\"}");
        UncountedUsage usage = new UncountedUsage(YearMonth.of(2026, 11), 3, 30_000);

        MailAttributes.setAccount(mail, "shop");
        MailAttributes.setDirective(mail, directive);
        MailAttributes.setMessageId(mail, "<m1@shop.example>");
        MailAttributes.setAcceptedAt(mail, NOW);
        MailAttributes.setFutureRelease(mail, NOW.plusSeconds(3600));
        MailAttributes.setUncountedUsage(mail, usage);

        assertThat(MailAttributes.isSubmission(mail)).isTrue();
        assertThat(MailAttributes.accountOf(mail)).contains("shop");
        assertThat(MailAttributes.requireAccount(mail)).isEqualTo("shop");
        assertThat(MailAttributes.directiveOf(mail)).contains(directive.toJson());
        assertThat(MailAttributes.messageIdOf(mail)).contains("<m1@shop.example>");
        assertThat(MailAttributes.acceptedAtOf(mail)).contains(NOW);
        assertThat(MailAttributes.futureReleaseOf(mail)).contains(NOW.plusSeconds(3600));
        assertThat(MailAttributes.uncountedUsageOf(mail)).contains(usage);
    }

    // The names are stored with a parked mail and named in conf/mailetcontainer.xml, and the store keeps String values
    // only: a rename or another type would lose what a mail parked by an earlier version carries.
    @Test
    void theNamesAndStringValuesStayAsStoredAndConfigured() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();
        Directive directive = new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson("{\"list\":\"news\"}");

        MailAttributes.setAccount(mail, "shop");
        MailAttributes.setDirective(mail, directive);
        MailAttributes.setMessageId(mail, "<m1@shop.example>");
        MailAttributes.setAcceptedAt(mail, NOW);
        MailAttributes.setFutureRelease(mail, NOW);
        MailAttributes.setUncountedUsage(mail, new UncountedUsage(YearMonth.of(2026, 11), 3, 30_000));
        MailAttributes.setEventContext(mail, CONTEXT);

        assertThat(mail.attributes()).containsExactlyInAnyOrder(
            stringAttribute("smtpplus.account", "shop"),
            stringAttribute("smtpplus.directive", directive.toJson()),
            stringAttribute("smtpplus.messageId", "<m1@shop.example>"),
            stringAttribute("smtpplus.acceptedAt", "2026-11-22T10:00:00Z"),
            stringAttribute("smtpplus.futureRelease", "2026-11-22T10:00:00Z"),
            stringAttribute("smtpplus.uncountedUsage", "2026-11 3 30000"),
            stringAttribute("smtpplus.eventContext", CONTEXT.toJson()));
    }

    @Test
    void aMailOnlySubmissionsReachFailsWithoutItsAccountNamingTheAttribute() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();

        assertThatThrownBy(() -> MailAttributes.requireAccount(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("m1 has no smtpplus.account attribute");
    }

    @Test
    void countedUsageIsRemoved() throws Exception {
        Mail mail = FakeMail.builder().name("m1").build();
        MailAttributes.setUncountedUsage(mail, new UncountedUsage(YearMonth.of(2026, 11), 1, 100));

        MailAttributes.removeUncountedUsage(mail);

        assertThat(MailAttributes.uncountedUsageOf(mail)).isEmpty();
        assertThat(mail.attributes()).isEmpty();
    }

    @Test
    void aCopyKeepsTheSubmissionsAttributesButItsMarkerAndCarriesItsEventContext() throws Exception {
        Mail submission = FakeMail.builder().name("m1")
            .attribute(new Attribute(AttributeName.of("other.attribute"), AttributeValue.of(7)))
            .build();
        MailAttributes.setAccount(submission, "shop");
        MailAttributes.setDirective(submission, Directive.EMPTY);
        MailAttributes.setMessageId(submission, "<m1@shop.example>");
        MailAttributes.setAcceptedAt(submission, NOW);
        Mail copy = FakeMail.builder().name("m1-0").build();

        MailAttributes.setCopyAttributes(submission, copy, CONTEXT);

        assertThat(MailAttributes.isSubmission(copy)).isFalse();
        assertThat(MailAttributes.accountOf(copy)).isEmpty();
        assertThat(MailAttributes.directiveOf(copy)).isEmpty();
        assertThat(MailAttributes.messageIdOf(copy)).contains("<m1@shop.example>");
        assertThat(MailAttributes.acceptedAtOf(copy)).contains(NOW);
        assertThat(MailAttributes.eventContextOf(copy)).contains(CONTEXT);
        assertThat(copy.getAttribute(AttributeName.of("other.attribute")))
            .contains(new Attribute(AttributeName.of("other.attribute"), AttributeValue.of(7)));
        assertThat(MailAttributes.isSubmission(submission)).isTrue();
        assertThat(MailAttributes.eventContextOf(submission)).isEmpty();
    }

    @Test
    void anAttributeOfAnotherTypeUnderAnSmtpPlusNameReadsAsAbsent() throws Exception {
        Mail mail = FakeMail.builder().name("m1")
            .attribute(new Attribute(AttributeName.of("smtpplus.messageId"), AttributeValue.of(42)))
            .build();

        assertThat(MailAttributes.messageIdOf(mail)).isEmpty();
    }

    private static Attribute stringAttribute(String name, String value) {
        return new Attribute(AttributeName.of(name), AttributeValue.of(value));
    }
}
