package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCodeReasonsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(nullValues = "-", value = {
        "5.1.1, user_unknown", "5.1.2, host_unknown", "5.1.3, user_unknown", "5.1.6, has_moved",
        "5.1.7, rejected", "5.1.8, rejected", "5.1.10, not_accept", "5.2.1, suspended", "5.2.2, mailbox_full",
        "5.2.3, message_too_big", "5.3.4, message_too_big", "5.4.4, host_unknown", "4.4.7, expired",
        "4.4.1, network_error", "5.5.3, rate_limited", "5.6.1, content_error", "5.7.1, blocked",
        "5.7.8, auth_failure", "5.7.17, has_moved", "5.7.20, auth_failure", "5.7.23, auth_failure",
        "5.7.25, blocked", "5.7.26, auth_failure", "5.7.27, rejected", "5.7.30, policy_violation",
        // generic or vendor codes decide nothing alone
        "5.0.0, -", "5.5.0, -", "5.1.0, -", "5.7.0, -", "5.2.9, -", "5.1.99, -",
        // a vendor's code: its words say what it means (Office 365's 5.7.509 is DMARC, 5.7.520 forwarding)
        "5.7.606, -", "5.7.708, -", "5.4.316, -",
    })
    void specificCodesNameAReason(String code, String reason) {
        EnhancedStatusCode parsed = EnhancedStatusCode.firstIn(code).orElseThrow();
        assertThat(StatusCodeReasons.specificReason(parsed).map(BounceReason::asJson))
            .isEqualTo(Optional.ofNullable(reason));
    }

    @ParameterizedTest(name = "{0} hints {1}")
    @CsvSource(nullValues = "-", value = {
        "5.7.0, policy_violation", "5.7.606, policy_violation", "5.4.0, network_error", "5.3.0, system_error",
        "5.6.0, content_error", "5.0.0, -", "5.1.0, -", "5.2.0, -", "5.5.0, -",
    })
    void genericCodesHintBySubject(String code, String reason) {
        EnhancedStatusCode parsed = EnhancedStatusCode.firstIn(code).orElseThrow();
        assertThat(StatusCodeReasons.subjectHint(parsed).map(BounceReason::asJson)).isEqualTo(Optional.ofNullable(reason));
    }
}
