package org.smtpplus.core.bounce.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.RecipientFailure;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BounceParserRobustnessTest {
    private static final int TWENTY_MEGABYTES = 20 * 1024 * 1024;
    private static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;
    private static final String DELIVERY_STATUS_REPORT = "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
        + "To: bounces+AbC123@bounces.example.com\n"
        + "Subject: Undelivered Mail Returned to Sender\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"report\"\n"
        + "\n"
        + "--report\n"
        + "Content-Type: text/plain\n"
        + "\n"
        + "Your message could not be delivered.\n"
        + "\n"
        + "--report\n"
        + "Content-Type: message/delivery-status\n"
        + "\n"
        + "Reporting-MTA: dns; mx.example.org\n"
        + "\n"
        + "Final-Recipient: rfc822; gone@example.org\n"
        + "Action: failed\n"
        + "Status: 5.1.1\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"
        + "\n"
        + "--report\n";
    private static final NonDeliveryReport GONE = new NonDeliveryReport(List.of(new RecipientFailure(
        Optional.of("gone@example.org"), Optional.empty(), Optional.of("5.1.1"), "550 5.1.1 User unknown",
        BounceReason.USER_UNKNOWN)));

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(seed -> (long) seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomBytesNeverThrow(long seed) {
        Random random = new Random(seed);
        byte[] garbage = new byte[random.nextInt(20_000)];
        random.nextBytes(garbage);

        assertThatCode(() -> readWithoutFault(garbage)).doesNotThrowAnyException();
    }

    @Test
    void damagedCorpusMessagesNeverThrow() {
        Random random = new Random(42);
        for (String name : BounceCorpus.OWN.messageNames()) {
            byte[] message = BounceCorpus.OWN.bytes(name);
            for (int damage = 0; damage < 30; damage++) {
                byte[] damaged = damaged(message, random);
                assertThatCode(() -> readWithoutFault(damaged))
                    .as("%s, damaged", name)
                    .doesNotThrowAnyException();
            }
        }
    }

    /** Read by the parser, not given up by its last resort for faults. */
    private static void readWithoutFault(byte[] mail) {
        InboundReport report = BounceParser.parse(mail);
        if (report instanceof Unrecognised) {
            assertThat(((Unrecognised) report).reason()).doesNotStartWith(BounceParser.PARSER_FAULT);
        }
    }

    /** Cut short, with bytes overwritten, or with a boundary line spliced in. */
    private static byte[] damaged(byte[] message, Random random) {
        if (message.length == 0) {
            return message;
        }
        switch (random.nextInt(3)) {
            case 0:
                return Arrays.copyOf(message, random.nextInt(message.length));
            case 1:
                byte[] overwritten = message.clone();
                for (int i = 0; i < 1 + random.nextInt(50); i++) {
                    overwritten[random.nextInt(overwritten.length)] = (byte) random.nextInt(256);
                }
                return overwritten;
            default:
                int at = random.nextInt(message.length);
                byte[] splice = "\n--report--\nContent-Type: multipart/mixed; boundary=\"\"\n\n".getBytes(StandardCharsets.US_ASCII);
                byte[] spliced = new byte[message.length + splice.length];
                System.arraycopy(message, 0, spliced, 0, at);
                System.arraycopy(splice, 0, spliced, at, splice.length);
                System.arraycopy(message, at, spliced, at + splice.length, message.length - at);
                return spliced;
        }
    }

    @Test
    void readsAReportWithATwentyMegabyteAttachmentInBoundedMemory() {
        StringBuilder mail = new StringBuilder(DELIVERY_STATUS_REPORT)
            .append("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n");
        while (mail.length() < TWENTY_MEGABYTES) {
            mail.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n");
        }
        byte[] bytes = mail.append("--report--\n").toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report).isEqualTo(GONE);
    }

    @Test
    void readsATwentyMegabyteTextInBoundedMemory() {
        StringBuilder mail = new StringBuilder("From: someone@example.org\nSubject: Re: Spring newsletter\n\n");
        while (mail.length() < TWENTY_MEGABYTES) {
            mail.append("Please remove me from this list, I do not want these mails.\n");
        }
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report.kind()).isEqualTo(InboundReport.Kind.UNRECOGNISED);
    }

    @Test
    void refusesATwentyMegabyteHeaderLineInBoundedMemory() {
        StringBuilder mail = new StringBuilder("From: someone@example.org\nSubject: ");
        while (mail.length() < TWENTY_MEGABYTES) {
            mail.append("Undelivered Mail Returned to Sender ");
        }
        byte[] bytes = mail.append("\n\nbody\n").toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report.kind()).isEqualTo(InboundReport.Kind.UNRECOGNISED);
    }

    // Text that a pattern able to backtrack across lines, or along a run without '@', would take quadratic time on.
    @Test
    void readsAMegabyteOfLineBreaksAndAddressLessRuns() {
        String body = "\n".repeat(512 * 1024) + " ".repeat(256 * 1024) + "a".repeat(256 * 1024) + "\n";
        String header = "To: " + "x".repeat(8 * 1024) + "\n";
        byte[] bytes = ("From: MAILER-DAEMON@mx.example.org\n" + header + "Subject: Mail delivery failed\n\n" + body)
            .getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report.kind()).isEqualTo(InboundReport.Kind.BOUNCE);
    }

    @Test
    void stopsReadingAnEndlessStream() {
        InputStream endless = new SequenceInputStream(
            new ByteArrayInputStream((DELIVERY_STATUS_REPORT + "Content-Type: text/plain\n\n").getBytes(StandardCharsets.US_ASCII)),
            new InputStream() {
                @Override
                public int read() {
                    return 'A';
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    Arrays.fill(buffer, offset, offset + length, (byte) 'A');
                    return length;
                }
            });

        InboundReport report = withinBounds(() -> BounceParser.parse(endless));

        assertThat(report).isEqualTo(GONE);
    }

    @Test
    void stopsDescendingIntoADeeplyNestedMultipart() {
        StringBuilder mail = new StringBuilder("From: someone@example.org\nSubject: Nested\n");
        for (int level = 0; level < 10_000; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"level").append(level).append("\"\n\n--level")
                .append(level).append('\n');
        }
        mail.append("Content-Type: text/plain\n\nhello\n");
        for (int level = 9_999; level >= 0; level--) {
            mail.append("--level").append(level).append("--\n");
        }
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report).isEqualTo(new Unrecognised("MIME nested deeper than 16 levels"));
    }

    @Test
    void stopsBeforeABoundaryLongerThanMimeAllows() {
        String boundary = "-".repeat(8000);
        String body = ("-".repeat(8001) + "x\n").repeat(1000);
        byte[] bytes = ("From: someone@example.org\nSubject: Long\nContent-Type: multipart/mixed; boundary=\"" + boundary
            + "\"\n\n--" + boundary + "\nContent-Type: text/plain\n\n" + body + "--" + boundary + "--\n")
            .getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report).isEqualTo(new Unrecognised("MIME boundary longer than 70 characters"));
    }

    @Test
    void readsTheReportBeforeTenThousandParts() {
        StringBuilder mail = new StringBuilder(DELIVERY_STATUS_REPORT);
        for (int part = 0; part < 10_000; part++) {
            mail.append("Content-Type: text/plain\n\npart ").append(part).append("\n--report\n");
        }
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report).isEqualTo(GONE);
    }

    @Test
    void stopsAfterAHundredParts() {
        StringBuilder mail = new StringBuilder("From: someone@example.org\nContent-Type: multipart/mixed; boundary=p\n\n--p\n");
        for (int part = 0; part < 10_000; part++) {
            mail.append("Content-Type: text/plain\n\npart ").append(part).append("\n--p\n");
        }
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        InboundReport report = withinBounds(() -> BounceParser.parse(bytes));

        assertThat(report).isEqualTo(new Unrecognised("more than 100 MIME parts"));
    }

    /**
     * Allocating at most {@link #MAX_ALLOCATED_BYTES} on this thread, when the JVM says: a bound on the work done that,
     * unlike a time limit, does not depend on how loaded the machine is (speed is for the benchmarks).
     */
    private static InboundReport withinBounds(Supplier<InboundReport> parse) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "the JVM measures allocation");
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long thread = Thread.currentThread().getId();
        long before = allocation.getThreadAllocatedBytes(thread);

        InboundReport report = parse.get();

        assertThat(allocation.getThreadAllocatedBytes(thread) - before).isLessThan(MAX_ALLOCATED_BYTES);
        return report;
    }
}
