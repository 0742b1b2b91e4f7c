/** The store ports on Cassandra, with the driver James 3.8.1 ships (docs/cassandra-schema.md). */
package org.smtpplus.cassandra;
