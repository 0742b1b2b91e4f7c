package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.webhook.Webhook;
import org.smtpplus.core.webhook.WebhookRepository;
import org.smtpplus.core.webhook.WebhookStatus;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;

/**
 * Webhooks in table {@code webhooks} ({@link WebhookDAO}) and their delivery status in {@code webhook_status}
 * ({@link WebhookStatusDAO}), shared by every node of the relay. Two tables, so that saving a webhook keeps its status
 * without reading it, and the dispatcher's frequent status writes never rewrite the definition.
 */
public class CassandraWebhookRepository implements WebhookRepository {
    private final CqlSession session;
    private final WebhookDAO webhooks;
    private final WebhookStatusDAO statuses;

    public CassandraWebhookRepository(CqlSession session) {
        this.session = session;
        this.webhooks = new WebhookDAO(session);
        this.statuses = new WebhookStatusDAO(session);
    }

    @Override
    public Optional<Webhook> get(String id) {
        return translated("WebhookRepository.get", () -> webhooks.select(id));
    }

    /** Reads the whole table and sorts here: a relay has a few webhooks. */
    @Override
    public List<Webhook> list() {
        return translated("WebhookRepository.list", webhooks::selectAll).stream()
            .sorted(Comparator.comparing(Webhook::id))
            .collect(Collectors.toList());
    }

    @Override
    public void save(Webhook webhook) {
        translated("WebhookRepository.save", () -> {
            webhooks.insert(webhook);
            return null;
        });
    }

    /**
     * Reads, then deletes the webhook and its status in one logged batch, so that a webhook created again with the
     * same id never inherits the status (and the 24 hours of failures) of the deleted one. Two concurrent deletes
     * both answering true is harmless.
     */
    @Override
    public boolean delete(String id) {
        return translated("WebhookRepository.delete", () -> {
            boolean existed = webhooks.exists(id);
            session.execute(BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(webhooks.delete(id))
                .addStatement(statuses.delete(id))
                .build());
            return existed;
        });
    }

    @Override
    public WebhookStatus status(String id) {
        return translated("WebhookRepository.status", () -> statuses.select(id)).orElse(WebhookStatus.NEW);
    }

    @Override
    public void saveStatus(String id, WebhookStatus status) {
        translated("WebhookRepository.saveStatus", () -> {
            statuses.insert(id, status);
            return null;
        });
    }
}
