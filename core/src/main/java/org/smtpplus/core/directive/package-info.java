/**
 * The X-SmtpPlus directive header and SendGrid's and Mailgun's headers, parsed and validated, and what they and the
 * account give each recipient's copy (docs/headers.md#x-smtpplus, docs/migrating.md).
 */
package org.smtpplus.core.directive;
