/** A real OpenSearch 2.19 from Maven Central, started in its own process for tests. */
package org.smtpplus.testing.opensearch;
