package org.smtpplus.testing.cassandra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.smtpplus.testing.SharedProcess;

/**
 * One Cassandra node for the whole test JVM (see {@link SharedProcess}).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CassandraExtension CASSANDRA = new CassandraExtension();
 * ... CASSANDRA.cassandra().contactPoint() ...
 * </pre>
 */
public final class CassandraExtension implements BeforeAllCallback {
    private static final SharedProcess<CassandraProcess> SHARED = new SharedProcess<>("Cassandra", CassandraProcess::start);

    @Override
    public void beforeAll(ExtensionContext context) {
        SHARED.ensureRunning();
    }

    public CassandraProcess cassandra() {
        return SHARED.get();
    }
}
