/**
 * SMTP hooks: AUTH against the accounts, sender authorization, recipient and plan limits, the directive checked at
 * DATA (docs/configuration.md#mailets-matchers-and-hooks).
 */
package org.smtpplus.smtp;
