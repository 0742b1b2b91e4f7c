/** Subscriber lists: their members, statuses, fields and CSV import (docs/api.md#subscribers). */
package org.smtpplus.core.subscriber;
