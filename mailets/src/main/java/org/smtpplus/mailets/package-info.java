/**
 * The mailets that run SMTP+ in James's spool: personalising, signing, delivering, scheduling and handling bounces
 * (docs/configuration.md#mailets-matchers-and-hooks).
 */
package org.smtpplus.mailets;
