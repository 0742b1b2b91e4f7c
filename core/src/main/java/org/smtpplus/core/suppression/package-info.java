/** Suppressed addresses, global and per list, and their JSON and CSV (docs/api.md#suppressions). */
package org.smtpplus.core.suppression;
