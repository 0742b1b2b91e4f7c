package org.smtpplus.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What every {@link IpPoolRepository} does; an implementation's test implements this interface. */
public interface IpPoolRepositoryContract {
    IpPool WARM = new IpPool("warm", List.of("203.0.113.5", "2001:db8::6"), "mta1.example.net");

    IpPoolRepository repository();

    @Test
    default void aSavedPoolIsReadBackWithItsAddressesInOrder() {
        repository().save(WARM);

        assertThat(repository().get("warm")).contains(WARM);
    }

    @Test
    default void recentSeesWhatThisRepositorySavedAndDeleted() {
        assertThat(repository().recent("warm")).isEmpty();
        IpPool changed = new IpPool("warm", List.of("198.51.100.7"), "mta2.example.net");

        repository().save(WARM);
        assertThat(repository().recent("warm")).contains(WARM);
        repository().save(changed);
        assertThat(repository().recent("warm")).contains(changed);
        repository().delete("warm");

        assertThat(repository().recent("warm")).isEmpty();
    }

    @Test
    default void anUnknownPoolIsEmpty() {
        assertThat(repository().get("nowhere")).isEmpty();
    }

    @Test
    default void savingAgainReplacesThePool() {
        repository().save(WARM);
        IpPool changed = new IpPool("warm", List.of("198.51.100.7"), "mta2.example.net");

        repository().save(changed);

        assertThat(repository().get("warm")).contains(changed);
        assertThat(repository().list()).containsExactly(changed);
    }

    @Test
    default void theListIsInTheOrderOfTheNames() {
        IpPool cold = new IpPool("cold", List.of("198.51.100.7"), "mta2.example.net");
        IpPool dedicated = new IpPool("dedicated-shop", List.of("198.51.100.8"), "mta3.example.net");
        repository().save(WARM);
        repository().save(cold);
        repository().save(dedicated);

        assertThat(repository().list()).containsExactly(cold, dedicated, WARM);
    }

    @Test
    default void deleteSaysWhetherThePoolExisted() {
        repository().save(WARM);

        assertThat(repository().delete("warm")).isTrue();
        assertThat(repository().delete("warm")).isFalse();
        assertThat(repository().get("warm")).isEmpty();
        assertThat(repository().list()).isEmpty();
    }
}
