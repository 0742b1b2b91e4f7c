package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The relay's own delivery failures, as James's RemoteDelivery reports them to {@code ClassifyDeliveryFailure}. */
class OwnDeliveryFailureTest {
    private final ReasonClassifier classifier = ReasonClassifier.builtIn();

    @ParameterizedTest(name = "\"{0}\" is {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown | 5.1.1 | USER_UNKNOWN",
        "552 5.2.2 Mailbox full                                                 | 5.2.2 | MAILBOX_FULL",
        "554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org | 5.7.1 | BLOCKED",
        "550 No such user here                                                  | -     | USER_UNKNOWN",
        "There are no DNS entries for the hostname nowhere.example.  I cannot determine where to send this message. | - | HOST_UNKNOWN",
    })
    void aPermanentFailureIsClassifiedFromTheReply(String diagnostic, String status, BounceReason expected) {
        RecipientFailure failure = classifier.ownDeliveryFailure(diagnostic, false);

        assertThat(failure.reason()).isEqualTo(expected);
        assertThat(failure.status()).isEqualTo(Optional.ofNullable(status));
        assertThat(failure.diagnostic()).isEqualTo(diagnostic);
    }

    @Test
    void deliveryThatRanOutOfRetriesExpiredWhateverTheLastErrorSaid() {
        // RemoteDelivery's words when it gives up; a last reply naming a missing mailbox must not suppress either
        assertThat(classifier.ownDeliveryFailure("Too many retries failure. Bouncing after 5 retries.", true).reason())
            .isEqualTo(BounceReason.EXPIRED);
        assertThat(classifier.ownDeliveryFailure("450 4.1.1 <jane@example.com>: Recipient address rejected: User unknown", true)
            .type()).isEqualTo(BounceType.SOFT);
    }
}
