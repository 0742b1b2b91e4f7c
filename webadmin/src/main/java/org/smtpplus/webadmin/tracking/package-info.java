/** The open-tracking image and the tracked links of the public listener (docs/tracking.md). */
package org.smtpplus.webadmin.tracking;
