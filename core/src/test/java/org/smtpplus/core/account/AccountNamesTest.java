package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"shop", "shop@accounts.example", "a.b_c+d-e", "default", "Shop42@Mail-1.Example", "x@localhost"})
    void plainAndAddressLikeLogins(String name) {
        assertThatCode(() -> AccountNames.validate(name)).doesNotThrowAnyException();
    }

    @Test
    void limitsAreInclusive() {
        String login = "l".repeat(64);
        String longName = login + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(62);

        assertThat(longName).hasSize(255);
        assertThatCode(() -> AccountNames.validate(login)).doesNotThrowAnyException();
        assertThatCode(() -> AccountNames.validate(longName)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "shop owner", "shop@", "@accounts.example", "shop@bad_domain.example", "a@b@c.example",
        "sh\u00f6p", "shop@-accounts.example", "shop@accounts..example", "shop/1", "shop:1"})
    void otherNamesAreRefused(String name) {
        InvalidAccountException refusal = catchThrowableOfType(() -> AccountNames.validate(name), InvalidAccountException.class);

        assertThat(refusal.field()).isEqualTo("name");
        assertThat(refusal.getMessage()).startsWith("name: must be a login of 1 to 64 letters, digits, '.', '_', '+' or '-', "
            + "optionally followed by @domain, at most 255 characters, got \"");
    }

    @Test
    void tooLongNamesAreRefused() {
        String login = "l".repeat(64);

        assertThat(catchThrowableOfType(() -> AccountNames.validate(login + "l"), InvalidAccountException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> AccountNames.validate(login + "@" + "d.".repeat(95) + "example"),
            InvalidAccountException.class)).isNotNull();
    }
}
