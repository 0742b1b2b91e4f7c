package org.smtpplus.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.csv.CsvReader;
import org.smtpplus.core.csv.CsvRecord;
import org.smtpplus.core.csv.MalformedCsvException;
import org.smtpplus.core.notification.MemorySentNotificationRepository;
import org.smtpplus.core.notification.NotificationAttachment;
import org.smtpplus.core.notification.NotificationSender;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.core.notification.RecordingNotificationSender;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.store.StoreUnavailableException;

class MonthlyReportsTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Instant DECEMBER_FIRST = Instant.parse("2026-12-01T00:00:00Z");
    private static final NotificationTemplate TEMPLATE = NotificationTemplate.builtIn(MonthlyReports.TEMPLATE);
    private static final List<String> NOTIFY = List.of("it@shop.example");
    private static final List<String> HEADER = List.of("recipient", "type", "reason", "status", "diagnostic", "at", "account", "messageId");
    /** Twenty messages a month, and those beyond sent. */
    private static final Account SHOP = Account.builder("shop").plan(new Plan(Optional.of(20L), Optional.empty()))
        .overage(Overage.ALLOW).notifyAddresses(NOTIFY).build();

    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemoryUsageRepository usage = new MemoryUsageRepository();
    private final MemoryBounceRepository bounces = new MemoryBounceRepository();
    private final MemorySentNotificationRepository sent = new MemorySentNotificationRepository();
    private final RecordingNotificationSender sender = new RecordingNotificationSender();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @BeforeEach
    void setUp() {
        accounts.save(SHOP);
    }

    private MonthlyReports reports() {
        return new MonthlyReports(accounts, usage, bounces, sent, sender, TEMPLATE, clock);
    }

    private static Bounce bounce(String recipient, BounceReason reason, String at, String account) {
        return new Bounce(recipient, reason, Optional.of("5.1.1"), "550 5.1.1 no, \"really\"", Instant.parse(at), account,
            "<" + recipient + "@shop.example>");
    }

    private static List<CsvRecord> csv(NotificationAttachment attachment) throws IOException, MalformedCsvException {
        CsvReader reader = new CsvReader(new StringReader(new String(attachment.content(), StandardCharsets.UTF_8)), 10_000);
        List<CsvRecord> records = new ArrayList<>();
        for (Optional<CsvRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
            records.add(record.get());
        }
        return records;
    }

    @Test
    void theReportOfAMonthIsSentOnceItIsOverWithItsTotalsAndItsBouncesAsCsv() throws Exception {
        usage.add("shop", NOVEMBER, 25, 25 * 12_595L);
        bounces.record(bounce("gone@example.com", BounceReason.USER_UNKNOWN, "2026-11-02T08:00:00Z", "shop"));
        bounces.record(bounce("=cmd@example.com", BounceReason.BLOCKED, "2026-11-30T23:59:59.999Z", "shop"));
        // before and after the month, and another account's: not in the report
        bounces.record(bounce("october@example.com", BounceReason.USER_UNKNOWN, "2026-10-31T23:59:59Z", "shop"));
        bounces.record(bounce("december@example.com", BounceReason.USER_UNKNOWN, "2026-12-01T00:00:00Z", "shop"));
        bounces.record(bounce("other@example.com", BounceReason.USER_UNKNOWN, "2026-11-05T08:00:00Z", "other"));
        MonthlyReports reports = reports();

        reports.sendDue();
        assertThat(sender.subjects()).as("October's, for its one bounce").containsExactly("Monthly report of account shop for 2026-10");
        clock.set(DECEMBER_FIRST.plus(Duration.ofMinutes(4)));
        reports.sendDue();
        assertThat(sender.notifications()).as("within the grace").hasSize(1);

        clock.set(DECEMBER_FIRST.plus(Duration.ofMinutes(6)));
        reports.sendDue();
        reports.sendDue();

        assertThat(sender.recipients()).containsExactly(NOTIFY, NOTIFY);
        NotificationTemplate.Rendered report = sender.notifications().get(1);
        assertThat(report.subject()).isEqualTo("Monthly report of account shop for 2026-11");
        assertThat(report.body()).contains(
            "Account shop in 2026-11 (UTC, from 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z):",
            "Messages:  25 (plan: 20 messages)",
            "Volume:    0.3 MB (plan: no limit)",
            "Average:   12.3 kB a message",
            "Overage:   allow, used beyond the plan: 5 messages",
            "Bounces:   hard 1, soft 0, block 1 (2 in all)",
            "bounces-shop-2026-11.csv, attached, lists the 2 bounces of 2026-11, newest first.");
        assertThat(report.body()).doesNotContain("{{");
        NotificationAttachment attachment = sender.attachments().get(1).orElseThrow();
        assertThat(attachment.filename()).isEqualTo("bounces-shop-2026-11.csv");
        assertThat(attachment.contentType()).isEqualTo("text/csv; charset=utf-8");
        List<CsvRecord> records = csv(attachment);
        assertThat(records.get(0).values()).isEqualTo(HEADER);
        assertThat(records.subList(1, records.size())).extracting(record -> record.values().get(0))
            .containsExactly("'=cmd@example.com", "gone@example.com");
        assertThat(records.get(2).values()).containsExactly("gone@example.com", "hard", "user_unknown", "5.1.1",
            "550 5.1.1 no, \"really\"", "2026-11-02T08:00:00Z", "shop", "<gone@example.com@shop.example>");
        assertThat(sent.claimedAt("monthly/shop/2026-11")).contains(DECEMBER_FIRST.plus(Duration.ofMinutes(6)));
    }

    @Test
    void anotherNodeOrARestartDoesNotSendItAgain() {
        usage.add("shop", NOVEMBER, 3, 3_000);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        reports().sendDue();
        RecordingNotificationSender otherSender = new RecordingNotificationSender();
        new MonthlyReports(accounts, usage, bounces, sent, otherSender, TEMPLATE, clock).sendDue();

        assertThat(sender.notifications()).hasSize(1);
        assertThat(otherSender.notifications()).isEmpty();
    }

    @Test
    void onlyAnAccountWithNotifyAddressesAndAMessageOrABounceInTheMonthGetsOne() {
        accounts.save(Account.builder("idle").notifyAddresses(List.of("idle@example.com")).build());
        accounts.save(Account.builder("bounced").notifyAddresses(List.of("bounced@example.com")).build());
        accounts.save(Account.builder("quiet").build());
        accounts.save(Account.builder("lastmonth").notifyAddresses(List.of("last@example.com")).build());
        usage.add("quiet", NOVEMBER, 10, 10_000);
        usage.add("lastmonth", NOVEMBER.minusMonths(1), 10, 10_000);
        bounces.record(bounce("gone@example.com", BounceReason.USER_UNKNOWN, "2026-11-10T08:00:00Z", "bounced"));
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        reports().sendDue();

        assertThat(sender.recipients()).containsExactly(List.of("bounced@example.com"));
        assertThat(sender.notifications().get(0).body()).contains("Messages:  0 (plan: no limit)", "Average:   none a message",
            "Overage:   block, used beyond the plan: none", "Bounces:   hard 1, soft 0, block 0 (1 in all)");
        for (String account : List.of("shop", "idle", "quiet", "lastmonth")) {
            assertThat(sent.claimedAt(MonthlyReports.key(account, NOVEMBER))).as(account).isEmpty();
        }
    }

    @Test
    void aListPastItsCapIsCutToTheNewestAndSaysWhereTheWholeOneIs() throws Exception {
        accounts.save(Account.builder("a+b@shop.example").notifyAddresses(NOTIFY).build());
        for (int day = 1; day <= 5; day++) {
            bounces.record(bounce("r" + day + "@example.com", BounceReason.USER_UNKNOWN, "2026-11-0" + day + "T08:00:00Z", "a+b@shop.example"));
        }
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        new MonthlyReports(accounts, usage, bounces, sent, sender, TEMPLATE, clock, 2, MonthlyReports.MAX_LIST_BYTES).sendDue();

        assertThat(csv(sender.attachments().get(0).orElseThrow())).extracting(record -> record.values().get(0))
            .containsExactly("recipient", "r5@example.com", "r4@example.com");
        assertThat(sender.notifications().get(0).body()).contains("Bounces:   hard 5, soft 0, block 0 (5 in all)",
            "bounces-a+b@shop.example-2026-11.csv, attached, lists the newest 2 of the 5 bounces of 2026-11: the list was cut",
            "GET /smtpplus/bounces?account=a%2Bb%40shop.example&since=2026-11-01T00:00:00Z&format=csv");
    }

    @Test
    void aListIsCutAtItsSizeTooAndNeverSkipsABounce() throws Exception {
        bounces.record(bounce("newest@example.com", BounceReason.USER_UNKNOWN, "2026-11-20T08:00:00Z", "shop"));
        bounces.record(new Bounce("long@example.com", BounceReason.USER_UNKNOWN, Optional.empty(), "x".repeat(500),
            Instant.parse("2026-11-10T08:00:00Z"), "shop", "<long@shop.example>"));
        bounces.record(bounce("oldest@example.com", BounceReason.USER_UNKNOWN, "2026-11-01T08:00:00Z", "shop"));
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        new MonthlyReports(accounts, usage, bounces, sent, sender, TEMPLATE, clock, MonthlyReports.MAX_LISTED, 300).sendDue();

        assertThat(csv(sender.attachments().get(0).orElseThrow())).extracting(record -> record.values().get(0))
            .containsExactly("recipient", "newest@example.com", "long@example.com");
        assertThat(sender.notifications().get(0).body()).contains("lists the newest 2 of the 3 bounces of 2026-11");
    }

    @Test
    void aMonthWithoutBouncesAttachesTheHeaderRowOnly() throws Exception {
        usage.add("shop", NOVEMBER, 1, 800);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        reports().sendDue();

        assertThat(csv(sender.attachments().get(0).orElseThrow())).extracting(CsvRecord::values).containsExactly(HEADER);
        assertThat(sender.notifications().get(0).body()).contains("Average:   800 B a message",
            "bounces-shop-2026-11.csv, attached, is empty: no bounce was recorded in 2026-11.");
    }

    @Test
    void aStoreOutageWhileWritingAReportClaimsNothingAndTheNextLookSendsIt() {
        usage.add("shop", NOVEMBER, 3, 3_000);
        StoreOutage<BounceRepository> flaky = StoreOutage.of(BounceRepository.class, (BounceRepository) bounces).down();
        MonthlyReports reports = new MonthlyReports(accounts, usage, flaky.port(), sent, sender, TEMPLATE, clock);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        assertThatCode(reports::sendDue).doesNotThrowAnyException();
        assertThat(sent.claimedAt(MonthlyReports.key("shop", NOVEMBER))).isEmpty();

        flaky.up();
        reports.sendDue();
        assertThat(sender.notifications()).hasSize(1);
    }

    @Test
    void accountsThatCannotBeListedFailTheLookForTheCallerToLog() {
        StoreOutage<AccountRepository> down = StoreOutage.of(AccountRepository.class, (AccountRepository) accounts).down();
        MonthlyReports reports = new MonthlyReports(down.port(), usage, bounces, sent, sender, TEMPLATE, clock);

        assertThatThrownBy(reports::sendDue).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aClaimedReportWhoseSendFailsIsNotSentAgain() {
        usage.add("shop", NOVEMBER, 3, 3_000);
        List<String> attempts = new ArrayList<>();
        NotificationSender failing = (addresses, notification, attachment) -> {
            attempts.add(notification.subject());
            throw new IllegalStateException("mail system down");
        };
        MonthlyReports reports = new MonthlyReports(accounts, usage, bounces, sent, failing, TEMPLATE, clock);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        assertThatCode(reports::sendDue).doesNotThrowAnyException();
        reports.sendDue();
        new MonthlyReports(accounts, usage, bounces, sent, failing, TEMPLATE, clock).sendDue();

        assertThat(attempts).hasSize(1);
    }

    @Test
    void anAccountWhoseReportKeepsFailingNeitherStopsTheOthersNorIsTriedForever() {
        Account broken = Account.builder("broken").notifyAddresses(NOTIFY).build();
        accounts.save(broken);
        usage.add("shop", NOVEMBER, 3, 3_000);
        usage.add("broken", NOVEMBER, 1, 1_000);
        List<String> usageReads = new ArrayList<>();
        UsageRepository failingForBroken = new UsageRepository() {
            @Override
            public MonthlyUsage get(String account, YearMonth month) {
                usageReads.add(account);
                if (account.equals("broken")) {
                    throw new IllegalStateException("a row this node cannot read");
                }
                return usage.get(account, month);
            }

            @Override
            public void add(String account, YearMonth month, long messages, long bytes) {
                usage.add(account, month, messages, bytes);
            }
        };
        MonthlyReports reports = new MonthlyReports(accounts, failingForBroken, bounces, sent, sender, TEMPLATE, clock);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));

        for (int look = 0; look < MonthlyReports.MAX_ATTEMPTS + 2; look++) {
            assertThatCode(reports::sendDue).doesNotThrowAnyException();
        }

        assertThat(sender.subjects()).containsExactly("Monthly report of account shop for 2026-11");
        assertThat(usageReads.stream().filter("broken"::equals)).hasSize(MonthlyReports.MAX_ATTEMPTS);
    }

    @Test
    void aNodeThatSawEveryReportSentLooksAtNothingMoreThatMonth() {
        usage.add("shop", NOVEMBER, 3, 3_000);
        StoreOutage<SentNotificationRepository> claims = StoreOutage.of(SentNotificationRepository.class, (SentNotificationRepository) sent);
        MonthlyReports reports = new MonthlyReports(accounts, usage, bounces, claims.port(), sender, TEMPLATE, clock);
        clock.set(DECEMBER_FIRST.plus(Duration.ofHours(1)));
        reports.sendDue();

        claims.down();
        assertThatCode(reports::sendDue).doesNotThrowAnyException();
        clock.set(Instant.parse("2027-01-01T01:00:00Z"));
        usage.add("shop", NOVEMBER.plusMonths(1), 1, 1_000);
        reports.sendDue();
        assertThat(sender.notifications()).hasSize(1);

        claims.up();
        reports.sendDue();
        assertThat(sender.subjects()).containsExactly("Monthly report of account shop for 2026-11",
            "Monthly report of account shop for 2026-12");
    }

    @Test
    void theValuesOfAReportWithBothLimits() {
        Account both = SHOP.toBuilder().plan(new Plan(Optional.of(10L), Optional.of(1L))).build();
        MonthlyUsage used = new MonthlyUsage("shop", NOVEMBER, 12, 3 * PlanLimit.BYTES_PER_MEGABYTE / 2);

        assertThat(MonthlyReports.values(both, used, new MonthlyReports.BounceList(10, 1_000)))
            .containsEntry("messageslimit", "10 messages")
            .containsEntry("megabyteslimit", "1 MB")
            .containsEntry("overage", "allow")
            .containsEntry("overagemessages", "2 messages")
            .containsEntry("overagemegabytes", "0.5 MB")
            .containsEntry("overageused", "2 messages and 0.5 MB")
            .containsEntry("averagesize", "128.0 kB")
            .containsEntry("attachment", "bounces-shop-2026-11.csv");
        assertThat(MonthlyReports.values(SHOP.toBuilder().overage(Overage.BLOCK).build(), used, new MonthlyReports.BounceList(10, 1_000)))
            .containsEntry("overagemessages", "none")
            .containsEntry("overageused", "none");
    }

    @Test
    void keysNameAccountAndMonth() {
        assertThat(MonthlyReports.key("shop", NOVEMBER)).isEqualTo("monthly/shop/2026-11");
    }
}
