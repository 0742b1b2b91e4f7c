package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubscriberUpdateTest {
    private static final String LIST = "customers";
    private static final String ADDRESS = "jane@shop.example";
    private static final Instant FIRST_SEEN = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final Instant LAST_SENT = FIRST_SEEN.plusSeconds(3600);
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private static Subscriber existing(SubscriberStatus status) {
        return Subscriber.builder(LIST, ADDRESS)
            .status(status)
            .fields(Map.of("Name", "Jane", "city", "Bern"))
            .firstSeen(FIRST_SEEN)
            .lastSent(LAST_SENT)
            .build();
    }

    @Test
    void anImportCreatesAnUnknownSubscriber() {
        SubscriberUpdate update = new SubscriberUpdate(Optional.of(Map.of("name", "Jane")), Optional.empty());

        assertThat(update.applyImportTo(Optional.empty(), LIST, ADDRESS, NOW))
            .isEqualTo(Subscriber.builder(LIST, ADDRESS).fields(Map.of("name", "Jane")).firstSeen(NOW).build());
    }

    @ParameterizedTest
    @EnumSource(SubscriberStatus.class)
    void anImportWithoutStatusKeepsTheStatusFirstSeenAndLastSent(SubscriberStatus status) {
        SubscriberUpdate update = new SubscriberUpdate(Optional.of(Map.of("zip", "3000")), Optional.empty());

        assertThat(update.applyImportTo(Optional.of(existing(status)), LIST, ADDRESS, NOW))
            .isEqualTo(existing(status).toBuilder().fields(Map.of("Name", "Jane", "city", "Bern", "zip", "3000")).build());
    }

    @Test
    void anImportedStatusIsSet() {
        SubscriberUpdate update = new SubscriberUpdate(Optional.of(Map.of()), Optional.of(SubscriberStatus.ACTIVE));

        assertThat(update.applyImportTo(Optional.of(existing(SubscriberStatus.BOUNCED)), LIST, ADDRESS, NOW).status())
            .isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void importedFieldsReplaceThoseOfTheSameNameWhateverTheirCase() {
        SubscriberUpdate update = new SubscriberUpdate(Optional.of(Map.of("name", "Janet", "city", "Basel")), Optional.empty());

        assertThat(update.applyImportTo(Optional.of(existing(SubscriberStatus.ACTIVE)), LIST, ADDRESS, NOW).fields())
            .isEqualTo(Map.of("name", "Janet", "city", "Basel"));
    }
}
