package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberCursorTest {
    @Test
    void decodesWhatItEncodes() {
        assertThat(SubscriberCursor.decode(SubscriberCursor.encode("jos\u00e9@example.com"))).isEqualTo("jos\u00e9@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "YWZ0ZXI6", "bm9wZQ"})
    void refusesAnythingElse(String cursor) {
        assertThatThrownBy(() -> SubscriberCursor.decode(cursor)).isInstanceOf(IllegalArgumentException.class);
    }
}
