/** The store SMTPPLUS_STORE chooses: every repository of one backend, memory or Cassandra, in one place. */
package org.smtpplus.core.backend;
