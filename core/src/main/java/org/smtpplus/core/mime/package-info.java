/**
 * MIME work on a message: one personalised copy per recipient, 7-bit re-encoding and DKIM signing
 * (docs/headers.md#what-each-recipient-receives).
 */
package org.smtpplus.core.mime;
