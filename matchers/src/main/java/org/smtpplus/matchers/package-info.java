/**
 * The matchers that route SMTP+ mail in James's spool: submissions, and the addresses the relay claims
 * (docs/configuration.md#mailets-matchers-and-hooks).
 */
package org.smtpplus.matchers;
