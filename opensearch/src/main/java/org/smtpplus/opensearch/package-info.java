/**
 * The event store on OpenSearch: bulk indexing, the durable journal, reports as aggregations
 * (docs/events-in-opensearch.md).
 */
package org.smtpplus.opensearch;
