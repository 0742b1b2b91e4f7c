package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;

import org.junit.jupiter.api.Test;

class StaleOnOutageAccountRepositoryTest {
    private final StoreOutage<AccountRepository> store = StoreOutage.of(AccountRepository.class, new MemoryAccountRepository());
    private final StaleOnOutageAccountRepository accounts = new StaleOnOutageAccountRepository(store.port());

    @Test
    void servesTheLastReadAccountWhileTheStoreIsDown() {
        accounts.save(Account.withDefaults("shop"));
        accounts.get("shop");

        store.down();

        assertThat(accounts.get("shop")).contains(Account.withDefaults("shop"));
    }

    @Test
    void anAccountNeverReadIsUnavailableDuringAnOutage() {
        store.down();

        assertThatThrownBy(() -> accounts.get("shop")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void unknownAndDeletedNamesAreNotServedFromMemory() {
        accounts.get("nobody");
        accounts.save(Account.withDefaults("shop"));
        accounts.delete("shop");

        store.down();

        assertThatThrownBy(() -> accounts.get("nobody")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.get("shop")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void remembersAtMostItsCapacity() {
        for (int i = 0; i <= StaleOnOutageAccountRepository.CAPACITY; i++) {
            store.working().save(Account.withDefaults("a" + i));
            accounts.get("a" + i);
        }

        store.down();

        assertThatThrownBy(() -> accounts.get("a0")).isInstanceOf(StoreUnavailableException.class);
        assertThat(accounts.get("a" + StaleOnOutageAccountRepository.CAPACITY)).isPresent();
    }
}
