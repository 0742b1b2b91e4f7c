package org.smtpplus.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;

class StaleOnOutageAccountRepositoryTest {
    private final SwitchableRepository store = new SwitchableRepository();
    private final StaleOnOutageAccountRepository accounts = new StaleOnOutageAccountRepository(store);

    @Test
    void servesTheLastReadAccountWhileTheStoreIsDown() {
        accounts.save(Account.withDefaults("shop"));
        accounts.get("shop");

        store.down = true;

        assertThat(accounts.get("shop")).contains(Account.withDefaults("shop"));
    }

    @Test
    void anAccountNeverReadIsUnavailableDuringAnOutage() {
        store.down = true;

        assertThatThrownBy(() -> accounts.get("shop")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void unknownAndDeletedNamesAreNotServedFromMemory() {
        accounts.get("nobody");
        accounts.save(Account.withDefaults("shop"));
        accounts.delete("shop");

        store.down = true;

        assertThatThrownBy(() -> accounts.get("nobody")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.get("shop")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void remembersAtMostItsCapacity() {
        for (int i = 0; i <= StaleOnOutageAccountRepository.CAPACITY; i++) {
            store.save(Account.withDefaults("a" + i));
            accounts.get("a" + i);
        }

        store.down = true;

        assertThatThrownBy(() -> accounts.get("a0")).isInstanceOf(StoreUnavailableException.class);
        assertThat(accounts.get("a" + StaleOnOutageAccountRepository.CAPACITY)).isPresent();
    }

    private static final class SwitchableRepository implements AccountRepository {
        private final MemoryAccountRepository delegate = new MemoryAccountRepository();
        private boolean down;

        @Override
        public Optional<Account> get(String name) {
            check();
            return delegate.get(name);
        }

        @Override
        public void save(Account account) {
            check();
            delegate.save(account);
        }

        @Override
        public boolean delete(String name) {
            check();
            return delegate.delete(name);
        }

        @Override
        public List<Account> list() {
            check();
            return delegate.list();
        }

        private void check() {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
        }
    }
}
