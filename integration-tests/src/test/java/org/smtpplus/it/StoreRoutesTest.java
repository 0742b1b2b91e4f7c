package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.WebAdminClient.Response;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/api.md#subscribers and docs/api.md#suppressions over real HTTP, on the Cassandra store: the subscriber and suppression routes, their
 * CSV import and export, and their 400s naming the field.
 */
class StoreRoutesTest {
    // Extensions registered on fields run in an unspecified order unless told: the store must be up before the relay.
    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_routes");

    @Test
    void subscriberPutGetDelete() {
        String path = "/smtpplus/lists/" + list() + "/subscribers/Ann@Example.com";

        Response created = RELAY.webAdmin().put(path, "{\"fields\":{\"name\":\"Ann\",\"age\":42},\"status\":\"active\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode ann = RELAY.webAdmin().get(path).json();
        assertThat(ann.get("address").asText()).isEqualTo("ann@example.com");
        assertThat(ann.get("fields").get("age").asText()).isEqualTo("42");
        assertThat(ann.get("lastSent").isNull()).isTrue();

        assertThat(RELAY.webAdmin().put(path, "{\"status\":\"bounced\"}").status()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get(path).json().get("status").asText()).isEqualTo("bounced");

        assertThat(RELAY.webAdmin().delete(path).status()).isEqualTo(204);
        assertThat(RELAY.webAdmin().get(path).status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().delete(path).status()).isEqualTo(404);
    }

    @Test
    void aListIsPagedByStatusWithACursor() {
        String list = list();
        for (int i = 0; i < 25; i++) {
            String status = i % 5 == 0 ? "unsubscribed" : "active";
            RELAY.webAdmin().put(String.format("/smtpplus/lists/%s/subscribers/user%02d@example.com", list, i), "{\"status\":\"" + status + "\"}");
        }

        List<String> active = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers?status=active&limit=7"
                + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("subscribers").forEach(subscriber -> active.add(subscriber.get("address").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(active).hasSize(20).isSorted().doesNotContain("user00@example.com", "user05@example.com");
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers?status=unsubscribed").json()
            .get("subscribers")).hasSize(5);
    }

    @Test
    void csvImportReportsBadLinesByNumberAndImportsTheOthers() {
        String list = list();
        RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/gone@example.com", "{\"status\":\"unsubscribed\"}");
        String csv = "email,name,city\r\n"
            + "ann@example.com,Ann,Rome\r\n"
            + "not-an-address,Bob,Paris\r\n"
            + "\"carl@example.com\",\"Carl, Jr.\",Oslo\r\n"
            + "gone@example.com,Gone,Nowhere\r\n"
            + "dora@example.com,Dora\r\n";

        Response response = RELAY.webAdmin().post("/smtpplus/lists/" + list + "/subscribers/import", "text/csv", csv);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("imported").asInt()).isEqualTo(3);
        assertThat(report.get("refused").asInt()).isEqualTo(2);
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(report.get("errors").get(0).get("message").asText()).contains("email");
        assertThat(report.get("errors").get(1).get("line").asInt()).isEqualTo(6);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/carl@example.com").json()
            .get("fields").get("name").asText()).isEqualTo("Carl, Jr.");
        JsonNode gone = RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/gone@example.com").json();
        assertThat(gone.get("status").asText()).isEqualTo("unsubscribed");
        assertThat(gone.get("fields").get("city").asText()).isEqualTo("Nowhere");
    }

    @Test
    void suppressionsPutGetListExportAndDelete() {
        String list = list();
        assertThat(RELAY.webAdmin().put("/smtpplus/suppressions/x1@example.com", "{\"reason\":\"manual\"}").status()).isEqualTo(201);
        assertThat(RELAY.webAdmin().put("/smtpplus/suppressions/x2@example.com",
            "{\"reason\":\"unsubscribe\",\"list\":\"" + list + "\"}").status()).isEqualTo(201);

        JsonNode global = RELAY.webAdmin().get("/smtpplus/suppressions/X1@example.com").json();
        assertThat(global.get("list").isNull()).isTrue();
        assertThat(global.get("reason").asText()).isEqualTo("manual");
        assertThat(global.get("at").asText()).isNotEmpty();
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/x2@example.com").status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/x2@example.com?list=" + list).json()
            .get("reason").asText()).isEqualTo("unsubscribe");

        JsonNode unsubscribes = RELAY.webAdmin().get("/smtpplus/suppressions?reason=unsubscribe&list=" + list).json();
        assertThat(unsubscribes).hasSize(1);
        String csv = RELAY.webAdmin().get("/smtpplus/suppressions?format=csv&list=" + list).body();
        assertThat(csv).startsWith("address,list,reason,at\r\n").contains("x2@example.com," + list + ",unsubscribe,");

        assertThat(RELAY.webAdmin().delete("/smtpplus/suppressions/x2@example.com?list=" + list).status()).isEqualTo(204);
        assertThat(RELAY.webAdmin().delete("/smtpplus/suppressions/x1@example.com").status()).isEqualTo(204);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/x1@example.com").status()).isEqualTo(404);
    }

    @Test
    void everyExportedColumnASpreadsheetWouldTakeForAFormulaIsWrittenAsText() {
        String list = "-" + list();
        assertThat(RELAY.webAdmin().put("/smtpplus/suppressions/=cmd@evil.example",
            "{\"reason\":\"manual\",\"list\":\"" + list + "\"}").status()).isEqualTo(201);

        String csv = RELAY.webAdmin().get("/smtpplus/suppressions?format=csv&list=" + list).body();

        assertThat(csv).contains("\r\n'=cmd@evil.example,'" + list + ",manual,");
    }

    @Test
    void badInputIs400NamingTheField() {
        String list = list();
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/not-an-address", "{}"), "address");
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/lists/bad%20list/subscribers/a@example.com", "{}"), "list");
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/a@example.com", "{\"status\":\"gone\"}"), "status");
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/a@example.com",
            "{\"fields\":{\"bio\":\"" + "x".repeat(1001) + "\"}}"), "fields.bio");
        assertBadRequest(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers?limit=0"), "limit");
        assertBadRequest(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers?cursor=nonsense"), "cursor");
        assertBadRequest(RELAY.webAdmin().post("/smtpplus/lists/" + list + "/subscribers/import", "text/csv", "name,city\r\nAnn,Rome\r\n"), "header");
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/suppressions/a@example.com", "{\"reason\":\"spite\"}"), "reason");
        assertBadRequest(RELAY.webAdmin().put("/smtpplus/suppressions/nobody", "{}"), "address");
        assertBadRequest(RELAY.webAdmin().get("/smtpplus/suppressions?reason=spite"), "reason");
        assertBadRequest(RELAY.webAdmin().get("/smtpplus/suppressions?format=xml"), "format");
    }

    private static void assertBadRequest(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(response.json().get("message").asText()).as(response.toString()).contains(field);
    }

    private static String list() {
        return "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
