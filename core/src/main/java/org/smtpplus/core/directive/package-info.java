/** The X-SmtpPlus directive header, parsed and validated (docs/headers.md#x-smtpplus). */
package org.smtpplus.core.directive;
