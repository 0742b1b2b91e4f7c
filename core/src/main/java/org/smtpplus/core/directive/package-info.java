/**
 * The X-SmtpPlus directive header, parsed and validated, and what it and the account give each recipient's copy
 * (docs/headers.md#x-smtpplus).
 */
package org.smtpplus.core.directive;
