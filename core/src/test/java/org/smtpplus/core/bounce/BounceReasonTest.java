package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BounceReasonTest {

    @Test
    void hasTheDocumentedVocabulary() {
        assertThat(Arrays.stream(BounceReason.values()).map(BounceReason::asJson).collect(Collectors.toList()))
            .containsExactly("user_unknown", "host_unknown", "has_moved", "not_accept", "mailbox_full", "suspended",
                "filtered", "blocked", "spam_detected", "policy_violation", "auth_failure", "rejected", "expired",
                "network_error", "too_many_connections", "rate_limited", "message_too_big", "content_error",
                "system_error", "undefined");
    }

    @ParameterizedTest
    @EnumSource(BounceReason.class)
    void readsBackWhatItWrites(BounceReason reason) {
        assertThat(BounceReason.fromJson(reason.asJson())).contains(reason);
    }

    @Test
    void knowsNoOtherWord() {
        assertThat(BounceReason.fromJson("USER_UNKNOWN")).isEmpty();
        assertThat(BounceReason.fromJson("hard")).isEmpty();
        assertThat(BounceReason.fromJson("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "user_unknown, HARD", "host_unknown, HARD", "has_moved, HARD", "not_accept, HARD",
        "blocked, BLOCK", "spam_detected, BLOCK", "policy_violation, BLOCK", "auth_failure, BLOCK", "rejected, BLOCK",
        "mailbox_full, SOFT", "suspended, SOFT", "filtered, SOFT", "expired, SOFT", "network_error, SOFT",
        "too_many_connections, SOFT", "rate_limited, SOFT", "message_too_big, SOFT", "content_error, SOFT",
        "system_error, SOFT", "undefined, SOFT",
    })
    void typeFollowsFromReason(String reason, BounceType type) {
        assertThat(BounceReason.fromJson(reason).orElseThrow().type()).isEqualTo(type);
    }
}
