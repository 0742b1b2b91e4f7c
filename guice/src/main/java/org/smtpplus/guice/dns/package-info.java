/** The DNS readiness checks of sending domains: dnsjava lookups, SPF by jspf (docs/deliverability.md). */
package org.smtpplus.guice.dns;
