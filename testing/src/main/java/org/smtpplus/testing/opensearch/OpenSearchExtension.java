package org.smtpplus.testing.opensearch;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.smtpplus.testing.SharedProcess;

/**
 * One OpenSearch node for the whole test JVM (see {@link SharedProcess}).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();
 * ... OPENSEARCH.opensearch().baseUrl() ...
 * </pre>
 */
public final class OpenSearchExtension implements BeforeAllCallback {
    private static final SharedProcess<OpenSearchProcess> SHARED = new SharedProcess<>("OpenSearch", OpenSearchProcess::start);

    @Override
    public void beforeAll(ExtensionContext context) {
        SHARED.ensureRunning();
    }

    public OpenSearchProcess opensearch() {
        return SHARED.get();
    }
}
