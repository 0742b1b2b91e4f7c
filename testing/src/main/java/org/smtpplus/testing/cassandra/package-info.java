/** A real Cassandra 5.0 from Maven Central, started in its own process for tests and `./smtpplus cassandra`. */
package org.smtpplus.testing.cassandra;
