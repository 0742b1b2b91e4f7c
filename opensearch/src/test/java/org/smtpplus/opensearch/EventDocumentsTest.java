package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;

import com.fasterxml.jackson.databind.node.ObjectNode;

class EventDocumentsTest {
    private static final DeliveryEvent ACCEPTED = DeliveryEvent.builder(EventType.ACCEPTED, Instant.parse("2026-11-03T10:15:30Z"))
        .account("shop")
        .list("customers")
        .recipient("jane@shop.example")
        .messageId("m@shop.example")
        .uniqueArgs(Map.of("order", "42", "a=b", "c", "été", ""))
        .ignored(List.of("X-SMTPAPI ip_pool 'x': no IP pool of that name for this account"))
        .build();

    @Test
    void aDocumentHasOnePairTermForEachUniqueArgPrefixedByTheKeysLength() {
        ObjectNode document = EventDocuments.toDocument(ACCEPTED);

        assertThat(document.get(EventDocuments.UNIQUE_ARG_PAIRS)).extracting(node -> node.asText())
            .containsExactly("3:a=b=c", "5:order=42", "3:été=");
    }

    @Test
    void anEqualsSignInAKeyMakesAnotherPairThanInItsValue() {
        assertThat(EventDocuments.uniqueArgPair("a=b", "c")).isNotEqualTo(EventDocuments.uniqueArgPair("a", "b=c"));
    }

    @Test
    void aDocumentAndAJournalLineReadBackEqual() {
        assertThat(EventDocuments.fromDocument(EventDocuments.toDocument(ACCEPTED))).isEqualTo(ACCEPTED);
        assertThat(EventDocuments.fromLine(EventDocuments.toLine(ACCEPTED))).isEqualTo(ACCEPTED);
    }

    @Test
    void aJournalLineIsTheEventsJsonWithoutThePairs() {
        assertThat(EventDocuments.toLine(ACCEPTED)).doesNotContain(EventDocuments.UNIQUE_ARG_PAIRS)
            .contains("\"uniqueArgs\":{\"a=b\":\"c\",\"order\":\"42\",\"été\":\"\"}");
    }
}
