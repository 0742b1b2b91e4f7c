package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.usage.MutableClock;

import com.google.common.base.Ticker;

class WebhookDispatcherTest {
    private static final String SECRET = WebhookRepositoryContract.SECRET;
    private static final Webhook ALL = new Webhook("all", Optional.empty(), URI.create("https://h.example/in"), Set.of(), SECRET);

    private static final class Post {
        private final URI url;
        private final String signature;
        private final String body;

        private Post(URI url, String signature, String body) {
            this.url = url;
            this.signature = signature;
            this.body = body;
        }
    }

    /** A receiver that answers what it is told to, and remembers every POST. */
    private static final class Receiver implements WebhookSender {
        private final List<Post> posts = new ArrayList<>();
        private Optional<String> answer = Optional.empty();

        @Override
        public Optional<String> post(URI url, String signature, String body) {
            posts.add(new Post(url, signature, body));
            return answer;
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final MemoryWebhookRepository repository = new MemoryWebhookRepository();
    private final RecentWebhooks webhooks = new RecentWebhooks(repository, Ticker.systemTicker());
    private final MemoryWebhookOutbox outbox = new MemoryWebhookOutbox(clock);
    private final MemoryEventStore events = new MemoryEventStore();
    private final WebhookEventSink sink = new WebhookEventSink(events, webhooks);
    private final Receiver receiver = new Receiver();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(webhooks, outbox, new MemoryWebhookLeases(clock), sink,
        receiver, clock, Runnable::run, "node-1");

    private static DeliveryEvent event(EventType type, int n) {
        return DeliveryEvent.builder(type, Instant.parse("2026-12-07T09:00:00Z").plusSeconds(n))
            .account(n % 2 == 0 ? "shop" : "news").recipient("r" + n + "@example.com").messageId("<m" + n + "@example.com>")
            .list("default").size(1000).build();
    }

    @Test
    void eventsArePostedInOrderSignedAndOnce() {
        webhooks.save(ALL);
        IntStream.range(0, 3).forEach(n -> sink.record(event(EventType.SENT, n)));

        dispatcher.tick();
        dispatcher.tick();

        assertThat(receiver.posts).hasSize(1);
        Post post = receiver.posts.get(0);
        assertThat(post.url).isEqualTo(ALL.url());
        assertThat(post.body).startsWith("[{\"event\":\"sent\"").contains("r0@", "r1@", "r2@");
        assertThat(post.body.indexOf("r0@")).isLessThan(post.body.indexOf("r1@"));
        assertThat(post.body.indexOf("r1@")).isLessThan(post.body.indexOf("r2@"));
        assertThat(post.body).contains("\"id\":\"" + event(EventType.SENT, 0).id() + "\"");
        assertThat(post.signature).isEqualTo(WebhookSignature.header(SECRET, clock.instant().getEpochSecond(), post.body));
        assertThat(events.find(Optional.empty(), Optional.empty(), Optional.empty(), 100)).hasSize(3);
        assertThat(repository.status("all").lastSuccessAt()).contains(clock.instant());
    }

    @Test
    void aPostedEventHasItsUniqueArgsAndIgnoredFields() {
        webhooks.save(ALL);
        DeliveryEvent accepted = DeliveryEvent.builder(EventType.ACCEPTED, Instant.parse("2026-12-07T09:00:00Z"))
            .account("shop").recipient("r@example.com").messageId("<m@example.com>").list("default").size(1000)
            .uniqueArgs(Map.of("order", "1001")).ignored(List.of("X-Mailgun-Dkim: DKIM is the sending domain's"))
            .build();

        sink.record(accepted);
        dispatcher.tick();

        assertThat(receiver.posts).singleElement().satisfies(post -> assertThat(post.body)
            .contains("\"size\":1000,\"uniqueArgs\":{\"order\":\"1001\"},\"ignored\":[\"X-Mailgun-Dkim: DKIM is the sending domain's\"],"
                + "\"id\":\"" + accepted.id() + "\""));
    }

    @Test
    void onlyTheEventsAWebhookAsksForAreQueued() {
        webhooks.save(new Webhook("shop-bounces", Optional.of("shop"), URI.create("https://h.example/b"), Set.of(EventType.BOUNCED), SECRET));

        sink.record(event(EventType.SENT, 0));
        sink.record(event(EventType.BOUNCED, 1));
        sink.record(event(EventType.BOUNCED, 2));
        dispatcher.tick();

        assertThat(receiver.posts).hasSize(1);
        assertThat(receiver.posts.get(0).body).contains("r2@").doesNotContain("r0@", "r1@");
    }

    @Test
    void batchesHoldAtMostAHundredEvents() {
        webhooks.save(ALL);
        IntStream.range(0, 250).forEach(n -> sink.record(event(EventType.SENT, n)));

        dispatcher.tick();

        assertThat(receiver.posts).extracting(post -> post.body.split("\"event\"").length - 1).containsExactly(100, 100, 50);
    }

    @Test
    void aFailedBatchIsRetriedAfterGrowingDelaysAndNothingOvertakesIt() {
        webhooks.save(ALL);
        receiver.answer = Optional.of("HTTP 500: down");
        sink.record(event(EventType.SENT, 0));

        dispatcher.tick();
        sink.record(event(EventType.SENT, 1));
        clock.advance(Duration.ofSeconds(4));
        dispatcher.tick();
        assertThat(receiver.posts).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.tick();
        assertThat(receiver.posts).hasSize(2);
        assertThat(receiver.posts.get(1).body).contains("r0@", "r1@");
        clock.advance(Duration.ofSeconds(9));
        dispatcher.tick();
        assertThat(receiver.posts).hasSize(2);
        receiver.answer = Optional.empty();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.tick();

        assertThat(receiver.posts).hasSize(3);
        assertThat(outbox.backlog("all")).isZero();
        WebhookStatus status = repository.status("all");
        assertThat(status.lastFailure().get().error()).isEqualTo("HTTP 500: down");
        assertThat(status.failingSince()).isEmpty();
    }

    @Test
    void eventsNotAcceptedWithin24HoursAreDroppedAndCounted() {
        webhooks.save(ALL);
        receiver.answer = Optional.of("HTTP 503");
        sink.record(event(EventType.SENT, 0));
        dispatcher.tick();
        clock.advance(Duration.ofHours(12));
        sink.record(event(EventType.SENT, 1));
        dispatcher.tick();

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        receiver.answer = Optional.empty();
        dispatcher.tick();

        assertThat(receiver.posts).hasSize(3);
        assertThat(receiver.posts.get(2).body).contains("r1@").doesNotContain("r0@");
        assertThat(outbox.backlog("all")).isZero();
        assertThat(repository.status("all").dropped()).isEqualTo(1);
        assertThat(dispatcher.droppedEvents()).isEqualTo(1);
    }

    @Test
    void aDeliveryStopsWhenThisNodeLosesTheLease() {
        MemoryWebhookLeases leases = new MemoryWebhookLeases(clock);
        WebhookSender takenOver = (url, signature, body) -> {
            receiver.post(url, signature, body);
            leases.release("all", "node-1");
            leases.hold("all", "node-2", Duration.ofMinutes(1));
            return Optional.empty();
        };
        WebhookDispatcher here = new WebhookDispatcher(webhooks, outbox, leases, sink, takenOver, clock, Runnable::run, "node-1");
        webhooks.save(ALL);
        IntStream.range(0, 250).forEach(n -> sink.record(event(EventType.SENT, n)));

        here.tick();

        assertThat(receiver.posts).hasSize(1);
        assertThat(outbox.backlog("all")).isEqualTo(150);
    }

    @Test
    void aDeliveryStopsWhenTheWebhookChanged() {
        webhooks.save(ALL);
        Webhook moved = new Webhook("all", Optional.empty(), URI.create("https://new.example/in"), Set.of(), SECRET);
        WebhookSender changing = (url, signature, body) -> {
            receiver.post(url, signature, body);
            webhooks.save(moved);
            return Optional.empty();
        };
        WebhookDispatcher here = new WebhookDispatcher(webhooks, outbox, new MemoryWebhookLeases(clock), sink, changing, clock,
            Runnable::run, "node-1");
        IntStream.range(0, 250).forEach(n -> sink.record(event(EventType.SENT, n)));

        here.tick();

        assertThat(receiver.posts).hasSize(1);
        assertThat(receiver.posts.get(0).url).isEqualTo(ALL.url());
    }

    @Test
    void aFailedAppendAppendsAgainOnlyWhatWasNotWritten() {
        webhooks.save(ALL);
        IntStream.range(0, 250).forEach(n -> sink.record(event(EventType.SENT, n)));
        int[] appends = {0};
        WebhookOutbox failingThird = new WebhookOutbox() {
            @Override
            public void append(String webhookId, List<String> events) {
                if (++appends[0] == 3) {
                    throw new IllegalStateException("store down");
                }
                outbox.append(webhookId, events);
            }

            @Override
            public List<OutboxEntry> head(String webhookId, int max) {
                return outbox.head(webhookId, max);
            }

            @Override
            public void acknowledge(String webhookId, String position) {
                outbox.acknowledge(webhookId, position);
            }

            @Override
            public long backlog(String webhookId) {
                return outbox.backlog(webhookId);
            }

            @Override
            public void clear(String webhookId) {
                outbox.clear(webhookId);
            }
        };

        assertThatThrownBy(() -> sink.moveToOutbox(failingThird)).hasMessage("store down");
        assertThat(sink.moveToOutbox(failingThird)).isEqualTo(50);

        assertThat(outbox.backlog("all")).isEqualTo(250);
        assertThat(outbox.head("all", 250).get(249).json()).contains("r249@");
    }

    @Test
    void aWebhookLeasedToAnotherNodeIsNotDeliveredHere() {
        MemoryWebhookLeases leases = new MemoryWebhookLeases(clock);
        leases.hold("all", "node-2", Duration.ofMinutes(1));
        WebhookDispatcher here = new WebhookDispatcher(webhooks, outbox, leases, sink, receiver, clock, Runnable::run, "node-1");
        webhooks.save(ALL);
        sink.record(event(EventType.SENT, 0));

        here.tick();
        assertThat(receiver.posts).isEmpty();
        assertThat(outbox.backlog("all")).isEqualTo(1);
        leases.release("all", "node-2");
        clock.advance(WebhookDispatcher.RENEW_LEASE);
        here.tick();

        assertThat(receiver.posts).hasSize(1);
    }

    @Test
    void closeMovesWaitingEventsToTheOutboxAndReleasesLeases() {
        MemoryWebhookLeases leases = new MemoryWebhookLeases(clock);
        WebhookDispatcher first = new WebhookDispatcher(webhooks, outbox, leases, sink, receiver, clock, Runnable::run, "node-1");
        webhooks.save(ALL);
        first.tick();
        sink.record(event(EventType.SENT, 0));

        first.close();

        assertThat(outbox.backlog("all")).isEqualTo(1);
        assertThat(leases.hold("all", "node-2", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aClosedDispatcherPostsNoMore() {
        webhooks.save(ALL);
        sink.record(event(EventType.SENT, 0));

        dispatcher.close();
        dispatcher.tick();

        assertThat(receiver.posts).isEmpty();
        assertThat(outbox.backlog("all")).isEqualTo(1);
    }

    @Test
    void anEventIsRecordedEvenWhenNoWebhookCanBeRead() {
        WebhookRepository broken = new WebhookRepository() {
            @Override
            public Optional<Webhook> get(String id) {
                throw new IllegalStateException("broken");
            }

            @Override
            public List<Webhook> list() {
                throw new IllegalStateException("broken");
            }

            @Override
            public void save(Webhook webhook) {
            }

            @Override
            public boolean delete(String id) {
                return false;
            }

            @Override
            public WebhookStatus status(String id) {
                return WebhookStatus.NEW;
            }

            @Override
            public void saveStatus(String id, WebhookStatus status) {
            }
        };
        WebhookEventSink failing = new WebhookEventSink(events, new RecentWebhooks(broken, Ticker.systemTicker()));

        failing.record(event(EventType.SENT, 0));

        assertThat(events.find(Optional.empty(), Optional.empty(), Optional.empty(), 100)).hasSize(1);
    }

    @Test
    void eventsNoWebhookAsksForAreNotQueued() {
        webhooks.save(new Webhook("bounces", Optional.empty(), URI.create("https://h.example/b"), Set.of(EventType.BOUNCED), SECRET));

        sink.record(event(EventType.SENT, 0));

        assertThat(sink.waiting()).isZero();
        assertThat(events.find(Optional.empty(), Optional.empty(), Optional.empty(), 100)).hasSize(1);
    }

    @Test
    void eventsRecordedBeforeTheWebhooksCouldBeReadAreMatchedOnceTheyAre() {
        repository.save(ALL);

        sink.record(event(EventType.SENT, 0));
        assertThat(sink.waiting()).isEqualTo(1);
        dispatcher.tick();

        assertThat(receiver.posts).hasSize(1);
    }

    @Test
    void aFullQueueDropsTheNewestAndCountsThem() {
        WebhookEventSink small = new WebhookEventSink(events, webhooks, 2);
        webhooks.save(ALL);

        IntStream.range(0, 5).forEach(n -> small.record(event(EventType.SENT, n)));
        small.moveToOutbox(outbox);

        assertThat(outbox.head("all", 10)).extracting(OutboxEntry::json)
            .allMatch(json -> json.contains("r0@") || json.contains("r1@")).hasSize(2);
        assertThat(small.dropped()).isEqualTo(3);
    }
}
