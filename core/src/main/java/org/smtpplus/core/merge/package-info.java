/**
 * Merge tags ({{name|default}}), the literal tags a message may be sent with (-name-, %name%), their values, and the
 * account header and footer templates that hold merge tags (docs/headers.md#merge-tags).
 */
package org.smtpplus.core.merge;
