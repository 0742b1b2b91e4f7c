package org.smtpplus.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;

class StoreOutageTest {
    private final StoreOutage<AccountRepository> outage = StoreOutage.of(AccountRepository.class, new MemoryAccountRepository());
    private final AccountRepository accounts = outage.port();

    @Test
    void answersAsTheWorkingStoreUntilDown() {
        accounts.save(Account.withDefaults("shop"));

        assertThat(accounts.get("shop")).isPresent();
        outage.down();
        assertThatThrownBy(() -> accounts.get("shop")).isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("AccountRepository.get");
        assertThat(outage.working().get("shop")).isPresent();
        outage.up();
        assertThat(accounts.list()).hasSize(1);
    }

    @Test
    void failsTheNextCallsOfOneMethodOnly() {
        outage.failNext("save", 2);

        assertThatThrownBy(() -> accounts.save(Account.withDefaults("a"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(accounts.get("a")).isEmpty();
        assertThatThrownBy(() -> accounts.save(Account.withDefaults("a"))).isInstanceOf(StoreUnavailableException.class);
        accounts.save(Account.withDefaults("a"));
        assertThat(accounts.get("a")).isPresent();
    }

    @Test
    void canFailSomeMethodsAndAnswerTheOthers() {
        outage.downFor("save");

        assertThatThrownBy(() -> accounts.save(Account.withDefaults("a"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void anExceptionOfTheWorkingStoreReachesTheCaller() {
        AccountRepository broken = new AccountRepository() {
            @Override
            public java.util.Optional<Account> get(String name) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void save(Account account) {
            }

            @Override
            public boolean delete(String name) {
                return false;
            }

            @Override
            public java.util.List<Account> list() {
                throw new IllegalStateException("broken");
            }
        };
        AccountRepository failing = StoreOutage.of(AccountRepository.class, broken).port();

        assertThatThrownBy(failing::list).isInstanceOf(IllegalStateException.class).hasMessage("broken");
    }
}
