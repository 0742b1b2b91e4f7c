package org.smtpplus.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpplus.core.feedback.FeedbackFixtures.NOW;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceType;

class BounceNotificationTemplateTest {
    private static final Bounce BOUNCE = new Bounce("jane@example.com", BounceType.HARD, Optional.of("5.1.1"),
        "550 5.1.1 <jane@example.com>: user unknown\r\nSubject: injected", NOW, "shop", "<m1@shop.example>");

    @Test
    void theBuiltInTemplateNamesRecipientStatusAndDiagnostic() {
        BounceNotificationTemplate.Rendered rendered = BounceNotificationTemplate.builtIn().render(BOUNCE);

        assertThat(rendered.subject()).isEqualTo("Bounce (hard): jane@example.com");
        assertThat(rendered.body()).contains("jane@example.com", "5.1.1", "user unknown", "<m1@shop.example>", "shop");
    }

    @Test
    void aValueCannotBreakOutOfTheSubject() {
        BounceNotificationTemplate template = BounceNotificationTemplate.parse("Subject: {{diagnostic}}\n\nbody");

        assertThat(template.render(BOUNCE).subject()).doesNotContain("\r", "\n");
    }

    @Test
    void anOperatorTemplateIsUsedAsWritten() {
        BounceNotificationTemplate template = BounceNotificationTemplate.parse("Subject: [{{account}}] {{type}}\r\n\r\n{{recipient}} {{status}} {{unknown|-}}\r\n");

        BounceNotificationTemplate.Rendered rendered = template.render(BOUNCE);
        assertThat(rendered.subject()).isEqualTo("[shop] hard");
        assertThat(rendered.body()).isEqualTo("jane@example.com 5.1.1 -\n");
    }

    @Test
    void aTemplateWithoutSubjectLineIsRefused() {
        assertThatThrownBy(() -> BounceNotificationTemplate.parse("Hello {{recipient}}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Subject:");
        assertThatThrownBy(() -> BounceNotificationTemplate.parse("Subject: x\nbody without empty line"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("empty line");
    }
}
