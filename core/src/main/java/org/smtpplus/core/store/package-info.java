/** The store every repository belongs to, memory or Cassandra, and its outage exception. */
package org.smtpplus.core.store;
