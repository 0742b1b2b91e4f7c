/** A DNS server for tests, answering the records a test sets. */
package org.smtpplus.testing.dns;
