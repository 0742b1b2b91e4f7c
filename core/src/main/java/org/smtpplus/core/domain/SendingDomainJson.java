package org.smtpplus.core.domain;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sending domain as the routes return it (docs/api.md): its public key and the records to publish, never its
 * private key. Thread-safe.
 */
public final class SendingDomainJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DnsRecords records;

    public SendingDomainJson(DnsRecords records) {
        this.records = records;
    }

    public ObjectNode toJsonNode(SendingDomain domain) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("domain", domain.domain());
        node.put("account", domain.account().orElse(null));
        node.put("returnPath", domain.returnPath());
        node.set("dkim", key(domain.dkim()));
        domain.nextDkim().ifPresent(next -> node.set("nextDkim", key(next)));
        ArrayNode dns = node.putArray("dns");
        for (DnsRecords.Record record : records.of(domain)) {
            dns.addObject()
                .put("purpose", record.purpose())
                .put("type", record.type())
                .put("name", record.name())
                .put("value", record.value());
        }
        if (domain.status().isPresent()) {
            DomainStatus status = domain.status().get();
            ObjectNode statusNode = node.putObject("status");
            statusNode.put("dkim", status.dkim().asJson());
            status.nextDkim().ifPresent(next -> statusNode.put("nextDkim", next.asJson()));
            statusNode.put("returnPath", status.returnPath().asJson());
            statusNode.put("spf", status.spf().asJson());
            statusNode.put("dmarc", status.dmarc().asJson());
            statusNode.put("checkedAt", status.checkedAt().toString());
        } else {
            node.putNull("status");
        }
        return node;
    }

    public String toJson(SendingDomain domain) {
        return toJsonNode(domain).toString();
    }

    public String toJson(List<SendingDomain> domains) {
        ArrayNode array = MAPPER.createArrayNode();
        domains.forEach(domain -> array.add(toJsonNode(domain)));
        return array.toString();
    }

    private static ObjectNode key(DkimKey key) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("selector", key.selector());
        node.put("algorithm", key.algorithm());
        node.put("bits", key.bits());
        node.put("publicKey", key.publicKeyBase64());
        node.put("createdAt", key.createdAt().toString());
        return node;
    }
}
