package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhancedStatusCodeTest {

    @ParameterizedTest(name = "\"{0}\" has {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "550 5.1.1 <a@example.com>: unknown                  | 5.1.1",
        "550-5.1.1 The email account does not exist          | 5.1.1",
        "Sorry, no mailbox here by that name. (#5.1.1)       | 5.1.1",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound           | 5.1.10",
        "<mx.example.com #5.7.606>                            | 5.7.606",
        "Status: 2.0.0                                       | 2.0.0",
        "4.2.2 ends the sentence 4.2.2.                      | 4.2.2",
        // RFC 3463 section 2: not a code when cut out of an IP address, a version or a longer number
        "connect to 192.0.2.5.1: refused                     | -",
        "Sendmail 8.17.1/8.17.1                              | -",
        "5.1                                                 | -",
        "3.1.1 is no class                                   | -",
        "5.1000.1 has a subject of four digits               | -",
        "no code at all                                      | -",
    })
    void findsTheStatusInAText(String text, String expected) {
        assertThat(EnhancedStatusCode.firstIn(text).map(EnhancedStatusCode::toString))
            .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void listsTheFailuresInTheirOrder() {
        assertThat(EnhancedStatusCode.failuresIn("2.0.0 then 5.0.0, 4.2.2 and 5.1.1").stream()
                .map(EnhancedStatusCode::toString).collect(Collectors.toList()))
            .containsExactly("5.0.0", "4.2.2", "5.1.1");
    }

    @Test
    void findsTheFirstFailureThatSaysMoreThanItsClass() {
        assertThat(EnhancedStatusCode.firstSpecificFailureIn("550 5.0.0 <a@example.com>... 5.1.1 User unknown")
            .map(EnhancedStatusCode::toString)).contains("5.1.1");
        assertThat(EnhancedStatusCode.firstSpecificFailureIn("2.1.5 accepted, then 5.0.0")).isEmpty();
    }
}
