/**
 * The public unsubscribe endpoints: the one-click POST of RFC 8058 and the page a GET shows
 * (docs/api.md#public-endpoints).
 */
package org.smtpplus.webadmin.unsubscribe;
