/** Sending domains: their DKIM keys, return paths and DNS readiness (docs/deliverability.md). */
package org.smtpplus.core.domain;
