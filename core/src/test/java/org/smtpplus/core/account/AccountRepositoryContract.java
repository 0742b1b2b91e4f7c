package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountRepository} does; an implementation's test implements this interface.
 */
public interface AccountRepositoryContract {
    /**
     * An empty repository, new for each test.
     */
    AccountRepository repository();

    @Test
    default void recentSeesWhatThisRepositorySavedAndDeleted() {
        assertThat(repository().recent("shop")).isEmpty();
        Account account = AccountFixtures.fullAccount("shop");

        repository().save(Account.withDefaults("shop"));
        assertThat(repository().recent("shop")).contains(Account.withDefaults("shop"));
        repository().save(account);
        assertThat(repository().recent("shop")).contains(account);
        repository().delete("shop");

        assertThat(repository().recent("shop")).isEmpty();
    }

    @Test
    default void getOfAnUnknownNameIsEmpty() {
        assertThat(repository().get("shop")).isEmpty();
    }

    @Test
    default void aSavedAccountIsReadBackWithEveryField() {
        Account account = AccountFixtures.fullAccount("shop");

        repository().save(account);

        assertThat(repository().get("shop")).contains(account);
    }

    @Test
    default void anAccountWithDefaultsIsReadBackEqual() {
        Account account = Account.withDefaults("shop@accounts.example");

        repository().save(account);

        assertThat(repository().get("shop@accounts.example")).contains(account);
    }

    @Test
    default void saveReplacesTheAccountOfTheSameName() {
        repository().save(AccountFixtures.fullAccount("shop"));
        Account changed = Account.builder("shop").passwordHash("other").maxRecipients(3).build();

        repository().save(changed);

        assertThat(repository().get("shop")).contains(changed);
        assertThat(repository().list()).containsExactly(changed);
    }

    @Test
    default void namesAreComparedExactly() {
        repository().save(Account.withDefaults("shop"));

        assertThat(repository().get("Shop")).isEmpty();
        assertThat(repository().get("shop ")).isEmpty();
    }

    @Test
    default void deleteRemovesAndSaysWhetherTheAccountExisted() {
        repository().save(Account.withDefaults("shop"));

        assertThat(repository().delete("shop")).isTrue();
        assertThat(repository().get("shop")).isEmpty();
        assertThat(repository().delete("shop")).isFalse();
    }

    @Test
    default void deleteLeavesOtherAccounts() {
        repository().save(Account.withDefaults("shop"));
        repository().save(Account.withDefaults("blog"));

        repository().delete("shop");

        assertThat(repository().list()).containsExactly(Account.withDefaults("blog"));
    }

    @Test
    default void listIsEmptyWithoutAccounts() {
        assertThat(repository().list()).isEmpty();
    }

    @Test
    default void listIsSortedByName() {
        List.of("shop", "blog@accounts.example", "default", "api").forEach(name -> repository().save(Account.withDefaults(name)));

        assertThat(repository().list()).extracting(Account::name)
            .containsExactly("api", "blog@accounts.example", "default", "shop");
    }
}
