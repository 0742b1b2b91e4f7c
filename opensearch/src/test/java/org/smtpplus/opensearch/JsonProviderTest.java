package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import jakarta.json.spi.JsonProvider;

/**
 * The client reads free-form parts of OpenSearch's answers (error details) through {@code JsonProvider.provider()},
 * which looks for an implementation with the context class loader. In James that loader does not see
 * extensions-jars/, so the provider must be found by the fallback: by name, from the API's own class loader.
 */
class JsonProviderTest {
    @Test
    void theProviderIsFoundWhenTheContextClassLoaderCannotSeeIt() {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            assertThat(JsonProvider.provider().getClass().getName()).isEqualTo("org.glassfish.json.JsonProviderImpl");
        } finally {
            thread.setContextClassLoader(context);
        }
    }
}
