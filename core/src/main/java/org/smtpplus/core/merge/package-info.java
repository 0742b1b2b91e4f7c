/** Merge tags ({{name|default}}) and their values in headers and bodies (docs/headers.md#merge-tags). */
package org.smtpplus.core.merge;
