package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.EventType;

/** What every {@link WebhookRepository} does; an implementation's test implements this interface. */
public interface WebhookRepositoryContract {
    String SECRET = "248a76b3144bacaef7e3c8b02d15e9f902c66eb337110e3bc92404ce21cac08b";
    Webhook SHOP = new Webhook("shop-events", Optional.of("shop"), URI.create("https://hooks.example.com/smtpplus?k=1"),
        Set.of(EventType.BOUNCED, EventType.CLICKED), SECRET);
    Webhook ALL = new Webhook("all", Optional.empty(), URI.create("http://127.0.0.1:8080/"), Set.of(), SECRET);

    WebhookRepository repository();

    @Test
    default void aSavedWebhookIsReadBack() {
        repository().save(SHOP);
        repository().save(ALL);

        assertThat(repository().get("shop-events")).contains(SHOP);
        assertThat(repository().get("all")).contains(ALL);
    }

    @Test
    default void anUnknownWebhookIsEmptyAndNew() {
        assertThat(repository().get("nowhere")).isEmpty();
        assertThat(repository().status("nowhere")).isEqualTo(WebhookStatus.NEW);
    }

    @Test
    default void listIsInTheOrderOfIds() {
        repository().save(SHOP);
        repository().save(ALL);

        assertThat(repository().list()).containsExactly(ALL, SHOP);
    }

    @Test
    default void saveReplacesTheWebhookAndKeepsItsStatus() {
        repository().save(SHOP);
        WebhookStatus status = WebhookStatus.NEW.succeeded(Instant.parse("2026-12-07T10:00:00Z"))
            .failed(Instant.parse("2026-12-07T10:01:00Z"), "HTTP 500: oops");
        repository().saveStatus(SHOP.id(), status);
        Webhook moved = new Webhook(SHOP.id(), Optional.empty(), URI.create("https://elsewhere.example/"), Set.of(), SECRET + "x");

        repository().save(moved);

        assertThat(repository().get(SHOP.id())).contains(moved);
        assertThat(repository().status(SHOP.id())).isEqualTo(status);
    }

    @Test
    default void aStatusIsReadBackWhole() {
        repository().save(SHOP);
        WebhookStatus status = WebhookStatus.NEW.failed(Instant.parse("2026-12-07T10:01:00Z"), "no answer within 10 seconds")
            .droppedEvents(100).failed(Instant.parse("2026-12-07T11:00:00.123Z"), "HTTP 503");

        repository().saveStatus(SHOP.id(), status);

        assertThat(repository().status(SHOP.id())).isEqualTo(status);
    }

    @Test
    default void deleteRemovesTheWebhookAndItsStatus() {
        repository().save(SHOP);
        repository().saveStatus(SHOP.id(), WebhookStatus.NEW.succeeded(Instant.parse("2026-12-07T10:00:00Z")));

        assertThat(repository().delete(SHOP.id())).isTrue();

        assertThat(repository().get(SHOP.id())).isEmpty();
        assertThat(repository().list()).isEmpty();
        assertThat(repository().status(SHOP.id())).isEqualTo(WebhookStatus.NEW);
        assertThat(repository().delete(SHOP.id())).isFalse();
    }
}
