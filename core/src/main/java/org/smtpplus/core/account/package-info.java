/** Accounts, the SMTP AUTH users of the relay, and their sending rules (docs/api.md#accounts). */
package org.smtpplus.core.account;
