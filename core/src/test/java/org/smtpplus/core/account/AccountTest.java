package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {
    @Nested
    class SenderAuthorization {
        @ParameterizedTest
        @ValueSource(strings = {"anyone@anywhere.example", "", "not-an-address"})
        void anyAddressWhenNeitherDomainsNorSendersAreSet(String address) {
            assertThat(Account.withDefaults("shop").isSenderAuthorized(address)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"news@shop.example", "NEWS@Shop.Example", "a@b@shop.example"})
        void addressesOfAnAuthorizedDomain(String address) {
            Account account = Account.builder("shop").authorizedDomains(List.of("Shop.example")).build();

            assertThat(account.isSenderAuthorized(address)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"news@mail.shop.example", "news@shop.example.evil", "news@evilshop.example",
            "shop.example", "@", "", "news@"})
        void otherDomainsIncludingSubdomainsAreNotAuthorized(String address) {
            Account account = Account.builder("shop").authorizedDomains(List.of("shop.example")).build();

            assertThat(account.isSenderAuthorized(address)).isFalse();
        }

        @Test
        void authorizedSendersMatchTheWholeAddressCaseInsensitively() {
            Account account = Account.builder("shop").authorizedSenders(List.of("Ops@Other.example")).build();

            assertThat(account.isSenderAuthorized("ops@other.example")).isTrue();
            assertThat(account.isSenderAuthorized("OPS@OTHER.EXAMPLE")).isTrue();
            assertThat(account.isSenderAuthorized("sales@other.example")).isFalse();
        }

        @Test
        void eitherListAuthorizes() {
            Account account = AccountFixtures.fullAccount("shop");

            assertThat(account.isSenderAuthorized("news@shop.example")).isTrue();
            assertThat(account.isSenderAuthorized("news@mail.shop.example")).isTrue();
            assertThat(account.isSenderAuthorized("ops@other.example")).isTrue();
            assertThat(account.isSenderAuthorized("sales@other.example")).isFalse();
        }
    }

    @Test
    void defaults() {
        Account account = Account.withDefaults("shop");

        assertThat(account.name()).isEqualTo("shop");
        assertThat(account.passwordHash()).isEqualTo(Account.NO_PASSWORD);
        assertThat(account.authorizedDomains()).isEmpty();
        assertThat(account.authorizedSenders()).isEmpty();
        assertThat(account.plan()).isEmpty();
        assertThat(account.overage()).isEqualTo(Overage.BLOCK);
        assertThat(account.notifyAddresses()).isEmpty();
        assertThat(account.defaultList()).isEmpty();
        assertThat(account.defaultCustomId()).isEmpty();
        assertThat(account.maxRecipients()).isEqualTo(50).isEqualTo(Account.DEFAULT_MAX_RECIPIENTS);
        assertThat(account.maxMessageKb()).isEqualTo(10240).isEqualTo(Account.DEFAULT_MAX_MESSAGE_KB);
        assertThat(account.passthroughHeaders()).isEmpty();
        assertThat(account.header()).isEmpty();
        assertThat(account.footer()).isEmpty();
    }

    @Test
    void theDefaultMessageSizeFitsASixMegabyteAttachmentInBase64() {
        long encodedAttachment = (6L * 1024 * 1024 + 2) / 3 * 4;

        assertThat(Account.DEFAULT_MAX_MESSAGE_KB * 1024L).isGreaterThan(encodedAttachment + encodedAttachment / 76 * 2);
    }

    @Test
    void authorizedDomainsAndSendersAreLowerCasedWithoutRepeats() {
        Account account = Account.builder("shop")
            .authorizedDomains(List.of("Shop.Example", "shop.example", "B.example"))
            .authorizedSenders(List.of("Ops@Other.example"))
            .build();

        assertThat(account.authorizedDomains()).containsExactly("shop.example", "b.example");
        assertThat(account.authorizedSenders()).containsExactly("ops@other.example");
    }

    @Test
    void toBuilderCopiesEveryField() {
        Account account = AccountFixtures.fullAccount("shop");

        assertThat(account.toBuilder().build()).isEqualTo(account).hasSameHashCodeAs(account);
        assertThat(account.toBuilder().maxRecipients(21).build()).isNotEqualTo(account);
    }

    @Test
    void toStringLeavesThePasswordHashOut() {
        assertThat(AccountFixtures.fullAccount("shop").toString()).contains("shop", "customers").doesNotContain("pbkdf2");
    }
}
