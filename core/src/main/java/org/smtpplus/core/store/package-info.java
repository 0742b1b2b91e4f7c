/** The outage exception every repository may throw, whatever its backend, and the recent reads of a store. */
package org.smtpplus.core.store;
