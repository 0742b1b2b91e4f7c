package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.webhook.WebhookLeases;
import org.smtpplus.core.webhook.WebhookLeasesContract;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraWebhookLeasesTest implements WebhookLeasesContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.WEBHOOK_LEASES);

    private CassandraWebhookLeases leases;

    @BeforeEach
    void setUp() {
        leases = new CassandraWebhookLeases(STORE.session());
    }

    @Override
    public WebhookLeases leases() {
        return leases;
    }

    @Override
    public void pass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void aRenewalLastsTheNewDuration() {
        leases.hold("a", "node-1", LEASE);

        leases.hold("a", "node-1", Duration.ofSeconds(30));

        int ttl = STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(owner) FROM " + CassandraSchema.WEBHOOK_LEASES
            + " WHERE webhook = 'a'")).one().getInt(0);
        assertThat(ttl).isBetween(28, 30);
    }

    // a TTL of 0 would be no TTL: rounded down, the lease would never expire
    @Test
    void aLeaseOfLessThanASecondLastsASecond() throws InterruptedException {
        assertThat(leases.hold("a", "node-1", Duration.ofMillis(200))).isTrue();

        pass(Duration.ofMillis(1500));

        assertThat(leases.hold("a", "node-2", LEASE)).isTrue();
    }

    @Test
    void aDurationThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> leases.hold("a", "node-1", Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("duration")
            .hasMessageContaining("PT0S");
    }
}
