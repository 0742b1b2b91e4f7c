/**
 * Pacing per destination domain: the rules ({@code PUT /smtpplus/pacing/{destination}}), where they and the slots of
 * each minute are stored, and the arithmetic that spaces a destination's copies (docs/operator-guide.md#pacing).
 */
package org.smtpplus.core.pacing;
