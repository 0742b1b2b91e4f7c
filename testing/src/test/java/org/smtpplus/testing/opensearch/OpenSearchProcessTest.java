package org.smtpplus.testing.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.FreePorts;

class OpenSearchProcessTest {
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void indexesSearchesAggregatesAndKeepsDataAcrossStopAndRestart() throws Exception {
        OpenSearchProcess opensearch = OPENSEARCH.opensearch();
        assertThat(opensearch.baseUrl()).isEqualTo("http://127.0.0.1:" + opensearch.httpPort());
        assertThat(call(opensearch, "GET", "/", null).path("version").path("number").asText())
                .isEqualTo(OpenSearchDistribution.VERSION);

        call(opensearch, "PUT", "/notes",
                "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 0},"
                + " \"mappings\": {\"properties\": {\"sender\": {\"type\": \"keyword\"},"
                + " \"body\": {\"type\": \"text\"}}}}");
        call(opensearch, "PUT", "/notes/_doc/1?refresh=true",
                "{\"sender\": \"alice@example.com\", \"body\": \"the outage is over\"}");
        call(opensearch, "PUT", "/notes/_doc/2?refresh=true",
                "{\"sender\": \"alice@example.com\", \"body\": \"quarterly report\"}");
        call(opensearch, "PUT", "/notes/_doc/3?refresh=true",
                "{\"sender\": \"bob@example.com\", \"body\": \"another outage\"}");

        assertThat(outageNotes(opensearch)).isEqualTo(2);
        assertThat(notesPerSender(opensearch)).containsExactly(
                Map.entry("alice@example.com", 2L), Map.entry("bob@example.com", 1L));

        opensearch.stop();
        assertThat(opensearch.isRunning()).isFalse();
        assertThat(FreePorts.accepts(opensearch.httpPort())).isFalse();

        opensearch.restart();
        assertThat(opensearch.isRunning()).isTrue();
        assertThat(call(opensearch, "GET", "/notes/_doc/1", null).path("_source").path("body").asText())
                .isEqualTo("the outage is over");
        assertThat(outageNotes(opensearch)).isEqualTo(2);
    }

    private long outageNotes(OpenSearchProcess opensearch) throws IOException, InterruptedException {
        JsonNode result = call(opensearch, "POST", "/notes/_search",
                "{\"query\": {\"match\": {\"body\": \"outage\"}}}");
        return result.path("hits").path("total").path("value").asLong();
    }

    private Map<String, Long> notesPerSender(OpenSearchProcess opensearch) throws IOException, InterruptedException {
        JsonNode result = call(opensearch, "POST", "/notes/_search",
                "{\"size\": 0, \"aggs\": {\"senders\": {\"terms\": {\"field\": \"sender\"}}}}");
        Map<String, Long> counts = new LinkedHashMap<>();
        result.path("aggregations").path("senders").path("buckets")
                .forEach(bucket -> counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        return counts;
    }

    private JsonNode call(OpenSearchProcess opensearch, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(opensearch.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
