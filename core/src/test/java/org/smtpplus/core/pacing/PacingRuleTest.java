package org.smtpplus.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PacingRuleTest {
    @Test
    void aBodyGivesTheRuleOfTheDestinationInLowerCase() throws Exception {
        PacingRule rule = PacingRule.parse("GMail.com", "{\"perMinute\":600,\"connections\":4}");

        assertThat(rule).isEqualTo(PacingRule.of("gmail.com", 600, 4));
        assertThat(rule.toJson(Optional.of(3L)).toString())
            .isEqualTo("{\"destination\":\"gmail.com\",\"perMinute\":600,\"connections\":4,\"waiting\":3}");
        assertThat(PacingRule.parse("*", "{\"perMinute\":1,\"connections\":1}").destination()).isEqualTo("*");
    }

    @Test
    void aPaceOfZeroNegativeOrAbsurdIsRefusedNamingTheField() {
        assertRefused("{\"perMinute\":0,\"connections\":4}", "perMinute: must be from 1 to 60000, got 0");
        assertRefused("{\"perMinute\":-5,\"connections\":4}", "perMinute: must be from 1 to 60000, got -5");
        assertRefused("{\"perMinute\":60001,\"connections\":4}", "perMinute: must be from 1 to 60000, got 60001");
        assertRefused("{\"perMinute\":99999999999,\"connections\":4}", "perMinute: must be a whole number from 1 to 60000");
        assertRefused("{\"perMinute\":1.5,\"connections\":4}", "perMinute: must be a whole number from 1 to 60000, got a number 1.5");
        assertRefused("{\"perMinute\":\"600\",\"connections\":4}", "perMinute: must be a whole number");
        assertRefused("{\"perMinute\":600,\"connections\":0}", "connections: must be from 1 to 256, got 0");
        assertRefused("{\"perMinute\":600,\"connections\":257}", "connections: must be from 1 to 256, got 257");
    }

    @Test
    void missingUnknownAndMalformedFieldsAreRefused() {
        assertRefused("{\"perMinute\":600}", "connections: is required");
        assertRefused("{\"connections\":4}", "perMinute: is required");
        assertRefused("{\"perMinute\":600,\"connections\":4,\"burst\":10}", "burst: is not a known field; known fields: perMinute, connections");
        assertRefused("", "body: must be a JSON object, got an empty body");
        assertRefused("[1]", "body: must be a JSON object, got an array");
    }

    @Test
    void aDestinationThatIsNoDomainNameIsRefused() {
        for (String destination : new String[] {"localhost", "not a domain", "gmail..com", "-x.example", "**", ""}) {
            assertThatThrownBy(() -> PacingRule.parse(destination, "{\"perMinute\":600,\"connections\":4}"))
                .isInstanceOf(InvalidPacingException.class)
                .hasMessageStartingWith("destination: must be a domain name (such as gmail.com) or * for every other domain, got ");
        }
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> PacingRule.parse("gmail.com", body))
            .isInstanceOf(InvalidPacingException.class)
            .hasMessageStartingWith(message);
    }
}
