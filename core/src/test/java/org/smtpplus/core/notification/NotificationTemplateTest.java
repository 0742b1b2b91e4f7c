package org.smtpplus.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.feedback.BounceNotificationValues;

class NotificationTemplateTest {
    private static final Bounce BOUNCE = new Bounce("jane@example.com", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"),
        "550 5.1.1 <jane@example.com>: user unknown\r\nSubject: injected", Instant.parse("2026-11-22T10:00:00Z"), "shop",
        "<m1@shop.example>");

    @Test
    void theBuiltInBounceNotificationNamesRecipientStatusAndDiagnostic() {
        NotificationTemplate.Rendered rendered = NotificationTemplate.builtIn(BounceNotificationValues.TEMPLATE)
            .render(BounceNotificationValues.of(BOUNCE));

        assertThat(rendered.subject()).isEqualTo("Bounce (hard): jane@example.com");
        assertThat(rendered.body()).contains("jane@example.com", "5.1.1", "user unknown", "<m1@shop.example>", "shop");
    }

    @Test
    void aValueCannotBreakOutOfTheSubject() {
        NotificationTemplate template = NotificationTemplate.parse("Subject: {{diagnostic}}\n\nbody");

        assertThat(template.render(BounceNotificationValues.of(BOUNCE)).subject()).doesNotContain("\r", "\n");
    }

    @Test
    void anOperatorTemplateIsUsedAsWritten() {
        NotificationTemplate template = NotificationTemplate.parse("Subject: [{{account}}] {{type}}\r\n\r\n{{recipient}} {{status}} {{unknown|-}}\r\n");

        NotificationTemplate.Rendered rendered = template.render(BounceNotificationValues.of(BOUNCE));
        assertThat(rendered.subject()).isEqualTo("[shop] hard");
        assertThat(rendered.body()).isEqualTo("jane@example.com 5.1.1 -\n");
    }

    @Test
    void tagsAreMatchedWhateverTheirCase() {
        assertThat(NotificationTemplate.parse("Subject: {{Name}}\n\n{{NAME}}").render(Map.of("name", "x")).body()).isEqualTo("x");
    }

    @Test
    void aTemplateWithoutSubjectLineIsRefused() {
        assertThatThrownBy(() -> NotificationTemplate.parse("Hello {{recipient}}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Subject:");
        assertThatThrownBy(() -> NotificationTemplate.parse("Subject: x\nbody without empty line"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("empty line");
    }
}
