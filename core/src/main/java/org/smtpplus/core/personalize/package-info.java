/** What each recipient's copy of a submission gets: its merge values, list, tokens and event context. */
package org.smtpplus.core.personalize;
