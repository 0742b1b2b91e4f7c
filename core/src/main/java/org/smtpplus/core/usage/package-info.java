/**
 * Monthly usage of each account against its plan, and the usage reports
 * (docs/operator-guide.md#plans-usage-and-quotas).
 */
package org.smtpplus.core.usage;
