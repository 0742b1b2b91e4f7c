/** The /smtpplus/... WebAdmin routes, with James's error shape (docs/api.md). */
package org.smtpplus.webadmin;
