/** The outage exception every repository may throw, whatever its backend. */
package org.smtpplus.core.store;
