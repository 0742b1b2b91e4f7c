package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;

import org.junit.jupiter.api.Test;

import com.google.common.base.Ticker;

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

    @Test
    void recentReadsTheStoreOncePerRecentPeriodForTheCopiesOfAMessage() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong nanos = new AtomicLong();
        MemoryAccountRepository working = new MemoryAccountRepository();
        working.save(Account.withDefaults("shop"));
        AccountRepository counted = new AccountRepository() {
            @Override
            public Optional<Account> get(String name) {
                reads.incrementAndGet();
                return working.get(name);
            }

            @Override
            public void save(Account account) {
                working.save(account);
            }

            @Override
            public boolean delete(String name) {
                return working.delete(name);
            }

            @Override
            public List<Account> list() {
                return working.list();
            }
        };
        StaleOnOutageAccountRepository recentAccounts = new StaleOnOutageAccountRepository(counted, new Ticker() {
            @Override
            public long read() {
                return nanos.get();
            }
        });

        // ten copies: one store read instead of ten
        for (int copy = 0; copy < 10; copy++) {
            assertThat(recentAccounts.recent("shop")).contains(Account.withDefaults("shop"));
        }
        assertThat(reads).hasValue(1);

        Account changed = AccountFixtures.fullAccount("shop");
        working.save(changed);
        assertThat(recentAccounts.recent("shop")).as("changed on another node").contains(Account.withDefaults("shop"));
        nanos.addAndGet(StaleOnOutageAccountRepository.RECENT.toNanos() + 1);
        assertThat(recentAccounts.recent("shop")).contains(changed);

        recentAccounts.save(Account.withDefaults("shop"));
        assertThat(recentAccounts.recent("shop")).as("changed on this node").contains(Account.withDefaults("shop"));
        recentAccounts.delete("shop");
        assertThat(recentAccounts.recent("shop")).isEmpty();
    }
}
