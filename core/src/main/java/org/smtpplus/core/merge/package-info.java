/**
 * Merge tags ({{name|default}}), their values, and the account header and footer templates that hold them
 * (docs/headers.md#merge-tags).
 */
package org.smtpplus.core.merge;
