/** The signed tokens of VERP return paths and unsubscribe links (docs/headers.md#tokens). */
package org.smtpplus.core.token;
