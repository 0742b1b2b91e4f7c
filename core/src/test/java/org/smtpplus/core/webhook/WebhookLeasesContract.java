package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What every {@link WebhookLeases} does; an implementation's test implements this interface. */
public interface WebhookLeasesContract {
    Duration LEASE = Duration.ofSeconds(2);

    WebhookLeases leases();

    /** Lets {@code duration} pass for the leases. */
    void pass(Duration duration) throws InterruptedException;

    @Test
    default void oneNodeAtATimeHoldsAWebhook() {
        assertThat(leases().hold("a", "node-1", LEASE)).isTrue();

        assertThat(leases().hold("a", "node-2", LEASE)).isFalse();
        assertThat(leases().hold("a", "node-1", LEASE)).isTrue();
        assertThat(leases().hold("b", "node-2", LEASE)).isTrue();
    }

    @Test
    default void aReleasedLeaseIsTakenAtOnce() {
        leases().hold("a", "node-1", LEASE);

        leases().release("a", "node-1");

        assertThat(leases().hold("a", "node-2", LEASE)).isTrue();
    }

    @Test
    default void onlyItsHolderReleasesALease() {
        leases().hold("a", "node-1", LEASE);

        leases().release("a", "node-2");

        assertThat(leases().hold("a", "node-2", LEASE)).isFalse();
    }

    @Test
    default void aLeaseNotRenewedExpires() throws InterruptedException {
        leases().hold("a", "node-1", LEASE);

        pass(LEASE.plusMillis(1500));

        assertThat(leases().hold("a", "node-2", LEASE)).isTrue();
        assertThat(leases().hold("a", "node-1", LEASE)).isFalse();
    }
}
