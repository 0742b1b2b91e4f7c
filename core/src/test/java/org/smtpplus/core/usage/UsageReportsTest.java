package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceCounts;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.notification.MemorySentNotificationRepository;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.RecordingNotificationSender;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.store.StoreOutage;

class UsageReportsTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final NotificationTemplate TEMPLATE = NotificationTemplate.builtIn(UsageReports.TEMPLATE);
    private static final List<String> NOTIFY = List.of("it@shop.example", "boss@shop.example");
    private static final Pattern SUBJECT = Pattern.compile("Usage of account shop: (\\d+)% of the plan for (\\d{4}-\\d{2})");

    /** Twenty messages: each message is 5%. */
    private static final Account SHOP = Account.builder("shop").plan(new Plan(Optional.of(20L), Optional.empty())).notifyAddresses(NOTIFY).build();
    /** A hundred messages: each message is 1%. */
    private static final Account HUNDRED = SHOP.toBuilder().plan(new Plan(Optional.of(100L), Optional.empty())).build();

    private final MemorySentNotificationRepository sent = new MemorySentNotificationRepository();
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final RecordingNotificationSender sender = new RecordingNotificationSender();
    private final UsageReports reports = new UsageReports(sent, sender, TEMPLATE, bounces, CLOCK, Runnable::run);

    /** The threshold of each report sent, as its subject names it. */
    private static List<Integer> thresholds(RecordingNotificationSender sender) {
        return sender.subjects().stream().map(UsageReportsTest::threshold).collect(Collectors.toList());
    }

    private static int threshold(String subject) {
        Matcher matcher = SUBJECT.matcher(subject);
        assertThat(matcher.matches()).as("subject %s", subject).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static PlanUsage used(Account account, YearMonth month, long messages) {
        return PlanUsage.of(account, new MonthlyUsage(account.name(), month, messages, messages * 1_000));
    }

    private static PlanUsage used(Account account, long messages) {
        return used(account, NOVEMBER, messages);
    }

    private List<Integer> claimedThresholds(YearMonth month) {
        return PlanUsage.THRESHOLDS.stream()
            .filter(threshold -> sent.claimedAt(UsageReports.key("shop", month, threshold)).isPresent())
            .collect(Collectors.toList());
    }

    @Test
    void eachThresholdIsReportedOncePerMonth() {
        for (int messages = 1; messages <= 25; messages++) {
            reports.counted(SHOP, used(SHOP, messages));
        }
        reports.counted(SHOP, used(SHOP, 20));

        assertThat(thresholds(sender)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(sender.recipients()).allSatisfy(recipients -> assertThat(recipients).isEqualTo(NOTIFY));
        assertThat(claimedThresholds(NOVEMBER)).isEqualTo(PlanUsage.THRESHOLDS);
        assertThat(sent.claimedAt(UsageReports.key("shop", NOVEMBER, 10))).contains(NOW);
    }

    @Test
    void aJumpPastSeveralThresholdsClaimsAndReportsEachOnce() {
        reports.counted(HUNDRED, used(HUNDRED, 5));
        assertThat(thresholds(sender)).as("under a tenth").isEmpty();

        reports.counted(HUNDRED, used(HUNDRED, 65));
        assertThat(thresholds(sender)).containsExactly(10, 20, 30, 40, 50, 60);
        assertThat(claimedThresholds(NOVEMBER)).containsExactly(10, 20, 30, 40, 50, 60);

        // e.g. a connection that counted earlier reporting late
        reports.counted(HUNDRED, used(HUNDRED, 61));
        reports.counted(HUNDRED, used(HUNDRED, 69));
        assertThat(thresholds(sender)).as("nothing new").hasSize(6);

        reports.counted(HUNDRED, used(HUNDRED, 70));
        assertThat(thresholds(sender)).containsExactly(10, 20, 30, 40, 50, 60, 70);
    }

    @Test
    void anotherNodeSharingTheStoreDoesNotResend() {
        RecordingNotificationSender otherSender = new RecordingNotificationSender();
        UsageReports otherNode = new UsageReports(sent, otherSender, TEMPLATE, bounces, CLOCK, Runnable::run);

        reports.counted(HUNDRED, used(HUNDRED, 65));
        otherNode.counted(HUNDRED, used(HUNDRED, 65));
        otherNode.counted(HUNDRED, used(HUNDRED, 69));
        assertThat(thresholds(otherSender)).isEmpty();

        otherNode.counted(HUNDRED, used(HUNDRED, 70));
        reports.counted(HUNDRED, used(HUNDRED, 70));
        assertThat(thresholds(otherSender)).containsExactly(70);
        assertThat(thresholds(sender)).containsExactly(10, 20, 30, 40, 50, 60);
    }

    @Test
    void concurrentReportsOfOneUsageSendEachThresholdOnce() throws Exception {
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(executor.submit(() -> {
                    start.await();
                    reports.counted(SHOP, used(SHOP, 20));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(1, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(thresholds(sender)).containsExactlyInAnyOrderElementsOf(PlanUsage.THRESHOLDS);
        assertThat(claimedThresholds(NOVEMBER)).isEqualTo(PlanUsage.THRESHOLDS);
    }

    @Test
    void withoutNotifyAddressesNothingIsClaimedOrSent() {
        Account quiet = SHOP.toBuilder().notifyAddresses(List.of()).build();

        reports.counted(quiet, used(quiet, 25));
        reports.refused(quiet, used(quiet, 20));

        assertThat(sender.notifications()).isEmpty();
        assertThat(claimedThresholds(NOVEMBER)).isEmpty();
        assertThat(sent.claimedAt(UsageReports.key("shop", NOVEMBER, 100))).isEmpty();
    }

    @Test
    void withoutPlanNothingIsClaimedOrSent() {
        Account unlimited = SHOP.toBuilder().plan(Optional.empty()).build();

        reports.counted(unlimited, used(unlimited, 1_000_000));

        assertThat(sender.notifications()).isEmpty();
        assertThat(claimedThresholds(NOVEMBER)).isEmpty();
    }

    @Test
    void theFirstRefusalOfTheMonthIsReportedOnceApartFromTheThresholds() {
        reports.counted(SHOP, used(SHOP, 18));
        reports.refused(SHOP, used(SHOP, 18));
        reports.refused(SHOP, used(SHOP, 19));
        reports.counted(SHOP, used(SHOP, 20));

        assertThat(sender.notifications()).extracting(NotificationTemplate.Rendered::subject).containsExactly(
            "Usage of account shop: 10% of the plan for 2026-11", "Usage of account shop: 20% of the plan for 2026-11",
            "Usage of account shop: 30% of the plan for 2026-11", "Usage of account shop: 40% of the plan for 2026-11",
            "Usage of account shop: 50% of the plan for 2026-11", "Usage of account shop: 60% of the plan for 2026-11",
            "Usage of account shop: 70% of the plan for 2026-11", "Usage of account shop: 80% of the plan for 2026-11",
            "Usage of account shop: 90% of the plan for 2026-11",
            "Usage of account shop: a message was refused, 90% of the plan for 2026-11 used",
            "Usage of account shop: 100% of the plan for 2026-11");
        assertThat(sender.notifications().get(9).body()).contains("A message was refused because it does not fit in what is left of the plan.");
        assertThat(sent.claimedAt("usage/shop/2026-11/refused")).isPresent();
    }

    @Test
    void aRefusalAfterTheLimitWasReachedIsReportedToo() {
        reports.counted(SHOP, used(SHOP, 20));
        reports.refused(SHOP, used(SHOP, 20));
        reports.refused(SHOP, used(SHOP, 20));

        assertThat(sender.notifications()).hasSize(11);
        assertThat(sender.notifications()).last().satisfies(report -> assertThat(report.subject())
            .isEqualTo("Usage of account shop: a message was refused, 100% of the plan for 2026-11 used"));
    }

    @Test
    void aNewMonthIsReportedAgain() {
        reports.counted(SHOP, used(SHOP, 20));
        reports.counted(SHOP, used(SHOP, DECEMBER, 2));
        reports.counted(SHOP, used(SHOP, DECEMBER, 4));

        assertThat(sender.notifications()).extracting(NotificationTemplate.Rendered::subject).endsWith(
            "Usage of account shop: 100% of the plan for 2026-11",
            "Usage of account shop: 10% of the plan for 2026-12",
            "Usage of account shop: 20% of the plan for 2026-12");
        assertThat(thresholds(sender)).hasSize(12);
        assertThat(claimedThresholds(DECEMBER)).containsExactly(10, 20);
    }

    @Test
    void aClaimTheStoreCannotAnswerIsTriedAgainWithALaterMessage() {
        StoreOutage<SentNotificationRepository> flaky = StoreOutage.of(SentNotificationRepository.class,
            new MemorySentNotificationRepository()).failNextWith("claim", UsageReports.key("shop", NOVEMBER, 10));
        UsageReports withFlakyStore = new UsageReports(flaky.port(), sender, TEMPLATE, bounces, CLOCK, Runnable::run);

        assertThatCode(() -> withFlakyStore.counted(HUNDRED, used(HUNDRED, 65))).doesNotThrowAnyException();
        // each threshold is claimed on its own: the others go out while the 10% waits
        assertThat(thresholds(sender)).containsExactly(20, 30, 40, 50, 60);

        withFlakyStore.counted(HUNDRED, used(HUNDRED, 66));
        assertThat(thresholds(sender)).containsExactly(20, 30, 40, 50, 60, 10);
        assertThat(flaky.working().claimedAt(UsageReports.key("shop", NOVEMBER, 10))).isPresent();
    }

    @Test
    void aSenderThatFailsDoesNotFailTheCaller() {
        NotificationSender failing = (addresses, notification, attachment) -> {
            throw new IllegalStateException("mail system down");
        };
        UsageReports withFailingSender = new UsageReports(sent, failing, TEMPLATE, bounces, CLOCK, Runnable::run);

        assertThatCode(() -> withFailingSender.counted(SHOP, used(SHOP, 20))).doesNotThrowAnyException();
        assertThatCode(() -> withFailingSender.refused(SHOP, used(SHOP, 20))).doesNotThrowAnyException();
        // claimed before sending: a report is sent at most once, so the failed one is not tried again
        assertThat(claimedThresholds(NOVEMBER)).isEqualTo(PlanUsage.THRESHOLDS);
    }

    @Test
    void theReportNamesAccountUsageLimitPercentAndReset() {
        Account both = SHOP.toBuilder().plan(new Plan(Optional.of(20L), Optional.of(1L))).build();
        PlanUsage usage = PlanUsage.of(both, new MonthlyUsage("shop", NOVEMBER, 13, PlanLimit.BYTES_PER_MEGABYTE / 2));

        reports.counted(both, usage);

        assertThat(sender.notifications()).last().satisfies(report -> {
            assertThat(report.subject()).isEqualTo("Usage of account shop: 60% of the plan for 2026-11");
            assertThat(report.body()).contains(
                "Account shop has used 65% of its monthly plan.",
                "Messages:  13 of 20 messages",
                "Volume:    0.5 MB of 1 MB",
                "Month:     2026-11 (UTC)",
                "Resets at: 2026-12-01T00:00:00Z",
                "Overage:   block",
                "Once the plan is used up, further messages are refused until it starts again.");
            assertThat(report.body()).doesNotContain("{{");
        });
    }

    @Test
    void theValuesOfAReport() {
        assertThat(UsageReports.values(SHOP, used(SHOP, 13), 60, Optional.of(new BounceCounts())))
            .containsEntry("account", "shop")
            .containsEntry("month", "2026-11")
            .containsEntry("threshold", "60")
            .containsEntry("headline", "60% of the plan for 2026-11")
            .containsEntry("percent", "65")
            .containsEntry("messages", "13")
            .containsEntry("megabytes", "0.0 MB")
            .containsEntry("averagesize", "1000 B")
            .containsEntry("bounces", "hard 0, soft 0, block 0 (0 in all)")
            .containsEntry("hardbounces", "0")
            .containsEntry("messageslimit", "20 messages")
            .containsEntry("megabyteslimit", "no limit")
            .containsEntry("used", "13 of 20 messages")
            .containsEntry("resetsat", "2026-12-01T00:00:00Z")
            .containsEntry("overage", "block");
    }

    @Test
    void whatNextDependsOnOverageAndLimit() {
        Account allowing = SHOP.toBuilder().overage(Overage.ALLOW).build();

        assertThat(UsageReports.values(SHOP, used(SHOP, 20), 100, Optional.of(new BounceCounts())).get("whatnext"))
            .isEqualTo("The plan is used up: further messages are refused until it starts again at 2026-12-01T00:00:00Z.");
        assertThat(UsageReports.values(allowing, used(allowing, 20), 100, Optional.of(new BounceCounts())).get("whatnext"))
            .isEqualTo("The plan is used up: further messages are still sent, and counted as overage.");
        assertThat(UsageReports.values(allowing, used(allowing, 10), 50, Optional.of(new BounceCounts())).get("whatnext"))
            .isEqualTo("Once the plan is used up, further messages are still sent, and counted as overage.");
        assertThat(UsageReports.values(SHOP, used(SHOP, 18), UsageReports.REFUSED, Optional.of(new BounceCounts())).get("whatnext"))
            .isEqualTo("A message was refused because it does not fit in what is left of the plan. Messages that fit are "
                + "still accepted; the plan starts again at 2026-12-01T00:00:00Z.");
    }

    @Test
    void theReportGivesTheAverageSizeAndTheMonthsBouncesByType() {
        bounces.record(bounce("gone@example.com", BounceReason.USER_UNKNOWN, "2026-11-02T08:00:00Z", "shop"));
        bounces.record(bounce("full@example.com", BounceReason.MAILBOX_FULL, "2026-11-03T08:00:00Z", "shop"));
        bounces.record(bounce("spam@example.com", BounceReason.BLOCKED, "2026-11-04T08:00:00Z", "shop"));
        bounces.record(bounce("gone2@example.com", BounceReason.USER_UNKNOWN, "2026-11-05T08:00:00Z", "shop"));
        // another month, another account: not counted
        bounces.record(bounce("old@example.com", BounceReason.USER_UNKNOWN, "2026-10-31T23:59:59Z", "shop"));
        bounces.record(bounce("other@example.com", BounceReason.USER_UNKNOWN, "2026-11-05T08:00:00Z", "other"));

        reports.counted(SHOP, PlanUsage.of(SHOP, new MonthlyUsage("shop", NOVEMBER, 2, 25_190)));

        assertThat(sender.notifications()).singleElement().satisfies(report -> assertThat(report.body()).contains(
            "Average:   12.3 kB a message",
            "Bounces:   hard 2, soft 1, block 1 (4 in all)"));
    }

    @Test
    void aBounceStoreThatCannotAnswerLeavesTheReportWithoutItsCounts() {
        StoreOutage<BounceRepository> down = StoreOutage.of(BounceRepository.class, (BounceRepository) bounces).down();
        UsageReports withBouncesDown = new UsageReports(sent, sender, TEMPLATE, down.port(), CLOCK, Runnable::run);

        assertThatCode(() -> withBouncesDown.counted(SHOP, used(SHOP, 2))).doesNotThrowAnyException();

        assertThat(sender.notifications()).singleElement().satisfies(report -> assertThat(report.body())
            .contains("Bounces:   unavailable now (the relay's store did not answer): GET /smtpplus/bounces lists them"));
        assertThat(UsageReports.values(SHOP, used(SHOP, 2), 10, Optional.empty()))
            .containsEntry("hardbounces", "unavailable")
            .containsEntry("softbounces", "unavailable")
            .containsEntry("blockbounces", "unavailable");
    }

    @Test
    void theReportIsClaimedWrittenAndSentOnTheExecutor() {
        List<Runnable> waiting = new ArrayList<>();
        UsageReports later = new UsageReports(sent, sender, TEMPLATE, bounces, CLOCK, waiting::add);

        later.counted(SHOP, used(SHOP, 4));
        // the caller's thread touches no store: a second message meanwhile hands over nothing more
        later.counted(SHOP, used(SHOP, 4));

        assertThat(waiting).hasSize(2);
        assertThat(claimedThresholds(NOVEMBER)).isEmpty();
        assertThat(sender.notifications()).isEmpty();
        waiting.forEach(Runnable::run);
        assertThat(claimedThresholds(NOVEMBER)).containsExactly(10, 20);
        assertThat(thresholds(sender)).containsExactly(10, 20);
    }

    @Test
    void aReportTheExecutorHasNoRoomForWaitsForALaterMessage() {
        AtomicBoolean full = new AtomicBoolean(true);
        UsageReports reports = new UsageReports(sent, sender, TEMPLATE, bounces, CLOCK, task -> {
            if (full.get()) {
                throw new RejectedExecutionException("full");
            }
            task.run();
        });

        assertThatCode(() -> reports.counted(SHOP, used(SHOP, 2))).doesNotThrowAnyException();
        assertThat(claimedThresholds(NOVEMBER)).isEmpty();
        assertThat(sender.notifications()).isEmpty();

        full.set(false);
        reports.counted(SHOP, used(SHOP, 2));
        assertThat(thresholds(sender)).containsExactly(10);
    }

    private static Bounce bounce(String recipient, BounceReason reason, String at, String account) {
        return new Bounce(recipient, reason, Optional.of("5.1.1"), "550 no", Instant.parse(at), account, "<" + recipient + ">");
    }

    @Test
    void keysNameAccountMonthAndThreshold() {
        assertThat(UsageReports.key("shop", NOVEMBER, 60)).isEqualTo("usage/shop/2026-11/60");
        assertThat(UsageReports.key("shop", NOVEMBER, UsageReports.REFUSED)).isEqualTo("usage/shop/2026-11/refused");
    }
}
