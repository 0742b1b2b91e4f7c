/** Open and click tracking: which requests for a tracking URL a person made (docs/tracking.md). */
package org.smtpplus.core.tracking;
