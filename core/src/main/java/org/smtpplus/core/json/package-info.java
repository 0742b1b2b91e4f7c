/** Strict JSON reading for WebAdmin bodies and query values, with errors that name the field and the value. */
package org.smtpplus.core.json;
