package org.smtpplus.core.bounce.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceType;
import org.smtpplus.core.bounce.EnhancedStatusCode;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.bounce.RecipientFailure;
import org.smtpplus.core.bounce.SmtpReply;

/**
 * Finds the recipients a plain-text bounce names and the reply each got. Bounces of every MTA name a failed address
 * on a line of its own ({@code <a@b>:} of qmail, {@code a@b} indented by Exim, Exchange and Domino), after a label
 * ({@code Recipient: a@b}), at the start of a line that goes on with the error ({@code a@b: 550 ...} of OpenSMTPD)
 * or in a sentence ({@code delivered to a@b}), and quote the receiver's reply on the lines after it.
 */
final class TextBounceRecipients {
    private static final String ADDRESS = "([^\\s<>()\\[\\]@\"',;:]++@[^\\s<>()\\[\\]@\"',;:]++)";
    private static final Pattern ALONE = Pattern.compile("^\\s*<?" + ADDRESS + ">?:?\\s*$");
    private static final Pattern LABELLED = Pattern.compile(
        "^\\s*(?:(?:(?:final|original|failed|invalid|intended)[- ])?recipient(?: address)?(?:s|\\(s\\))?|address(?:es)?)"
            + "\\s*:\\s*(?:rfc822;\\s*)?<?" + ADDRESS,
        Pattern.CASE_INSENSITIVE);
    // OpenSMTPD (usr.sbin/smtpd/bounce.c): "a@b: error" on one line; group 2 is the error
    private static final Pattern LEADING = Pattern.compile("^\\s*<?" + ADDRESS + ">?:[ \t]++(\\S.*+)$");
    private static final Pattern IN_SENTENCE = Pattern.compile(
        "\\b(?:deliver(?:ed|y)?(?: (?:of )?(?:your |the )?message)?|message|sent|mail) to:?\\s*<?" + ADDRESS,
        Pattern.CASE_INSENSITIVE);
    // Who writes bounces, not who they are about
    private static final Pattern SERVICE_ADDRESS = Pattern.compile("^(?:postmaster|mailer-daemon|mailer_daemon)@.*");
    private static final Pattern LABEL_ONLY = Pattern.compile("^[^:]{0,60}:$");
    private static final int MAX_LINE_LENGTH = 2000;
    private static final int MAX_BLOCK_LINES = 15;
    // What a bounce says of its recipients comes before the message it returns, in a few dozen lines: a text of
    // many more lines is read no further, so that its cost is bounded however it is made.
    static final int MAX_LINES = 2000;

    private final List<String> lines;
    private final Set<String> notRecipients;
    private final ReasonClassifier classifier;

    /**
     * @param body          the bounce's text without the returned message
     * @param notRecipients the addresses of the bounce's own header: the sender it returns to, the daemon it is from
     */
    TextBounceRecipients(String body, Set<String> notRecipients, ReasonClassifier classifier) {
        this.lines = firstLines(body);
        this.notRecipients = notRecipients;
        this.classifier = classifier;
    }

    private static List<String> firstLines(String body) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= body.length() && lines.size() < MAX_LINES) {
            int end = start;
            while (end < body.length() && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
                end++;
            }
            lines.add(body.substring(start, end));
            // RFC 5322 section 2.1: CRLF ends a line; a lone CR or LF is taken as one too
            start = end + (body.startsWith("\r\n", end) ? 2 : 1);
        }
        return List.copyOf(lines);
    }

    /** The addresses the text names as recipients, in order. */
    List<String> addresses() {
        return new ArrayList<>(mentions().keySet());
    }

    /** Whether a line quotes an SMTP reply or carries an enhanced status code. */
    boolean hasReply() {
        return lines.stream().anyMatch(TextBounceRecipients::isReply);
    }

    /**
     * One failure for every address named, the addresses of {@code failedRecipients} first; a single failure without
     * a recipient when the text names none. A recipient whose lines quote no reply and explain nothing gets the
     * first reply of the whole text, else the subject.
     */
    List<RecipientFailure> failures(List<String> failedRecipients, String subject) {
        Map<String, List<Integer>> mentions = new LinkedHashMap<>();
        failedRecipients.forEach(address -> mentions.put(address, new ArrayList<>()));
        mentions().forEach((address, lineIndexes) -> mentions.computeIfAbsent(address, key -> new ArrayList<>())
            .addAll(lineIndexes));
        Optional<String> firstReply = replyParagraph(0, lines.size());
        if (mentions.isEmpty()) {
            return List.of(fallback(Optional.empty(), firstReply, subject));
        }
        Set<Integer> mentionLines = mentions.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        return mentions.entrySet().stream()
            .map(mention -> failure(Optional.of(mention.getKey()), mention.getValue(), mentionLines, firstReply, subject))
            .collect(Collectors.toList());
    }

    private RecipientFailure fallback(Optional<String> address, Optional<String> firstReply, String subject) {
        if (firstReply.isPresent()) {
            return failure(address, firstReply.get());
        }
        // A bounce's subject quotes the returned message's own ("Undeliverable: Your order - address not found"):
        // it may say that delivery failed, never that the mailbox is gone.
        RecipientFailure bySubject = failure(address, subject);
        return bySubject.type() == BounceType.HARD
            ? new RecipientFailure(address, Optional.empty(), bySubject.status(), bySubject.diagnostic(), BounceReason.UNDEFINED)
            : bySubject;
    }

    private RecipientFailure failure(Optional<String> address, List<Integer> mentionLines, Set<Integer> allMentionLines,
                                     Optional<String> firstReply, String subject) {
        for (int line : mentionLines) {
            Optional<String> reply = replyParagraph(line, blockEnd(line, allMentionLines));
            if (reply.isPresent()) {
                return failure(address, reply.get());
            }
        }
        Optional<String> explanation = mentionLines.stream()
            .map(line -> errorAfter(lines.get(line)).or(() -> firstExplanation(line + 1, blockEnd(line, allMentionLines))))
            .flatMap(Optional::stream)
            .findFirst();
        return explanation.isPresent() ? failure(address, explanation.get()) : fallback(address, firstReply, subject);
    }

    private RecipientFailure failure(Optional<String> address, String diagnostic) {
        String tidy = Diagnostics.tidy(SmtpReply.withoutLeadIn(diagnostic).orElse(diagnostic));
        Optional<String> status = statusOf(tidy);
        return new RecipientFailure(address, Optional.empty(), status, tidy, classifier.classify(status, tidy).reason());
    }

    /** The enhanced code, else the basic reply code as its class's {@code X.0.0}. */
    private static Optional<String> statusOf(String reply) {
        Optional<EnhancedStatusCode> enhanced = EnhancedStatusCode.firstSpecificFailureIn(reply)
            .or(() -> EnhancedStatusCode.firstIn(reply).filter(EnhancedStatusCode::isFailure));
        if (enhanced.isPresent()) {
            return enhanced.map(EnhancedStatusCode::toString);
        }
        OptionalInt code = SmtpReply.codeAtStart(reply);
        return code.isPresent()
            ? Optional.of(EnhancedStatusCode.unspecific(code.getAsInt() / 100).toString())
            : Optional.empty();
    }

    /** Address to the lines naming it, in order of first mention. */
    private Map<String, List<Integer>> mentions() {
        Map<String, List<Integer>> mentions = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int line = index;
            mentionIn(lines.get(index))
                .filter(address -> !notRecipients.contains(address) && !SERVICE_ADDRESS.matcher(address).matches())
                .ifPresent(address -> mentions.computeIfAbsent(address, key -> new ArrayList<>()).add(line));
        }
        return mentions;
    }

    private static Optional<String> mentionIn(String line) {
        if (line.length() > MAX_LINE_LENGTH) {
            return Optional.empty();
        }
        for (Pattern pattern : new Pattern[] {ALONE, LABELLED, LEADING, IN_SENTENCE}) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Optional.of(BareAddresses.normalise(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    /** A mention's lines end at the next mention, or after {@link #MAX_BLOCK_LINES}. */
    private int blockEnd(int mentionLine, Set<Integer> mentionLines) {
        int end = mentionLine + 1;
        while (end < lines.size() && end <= mentionLine + MAX_BLOCK_LINES && !mentionLines.contains(end)) {
            end++;
        }
        return end;
    }

    /** The first quoted reply between the lines, with the lines of its paragraph that follow. */
    private Optional<String> replyParagraph(int from, int to) {
        for (int index = from; index < to; index++) {
            if (isReply(lines.get(index))) {
                // a reply on the line that names the recipient is quoted without the address
                StringBuilder paragraph = new StringBuilder(errorAfter(lines.get(index)).orElse(lines.get(index)));
                for (int next = index + 1; next < to && !lines.get(next).isBlank(); next++) {
                    paragraph.append(' ').append(lines.get(next));
                }
                return Optional.of(paragraph.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean isReply(String line) {
        return line.length() <= MAX_LINE_LENGTH
            && (EnhancedStatusCode.firstIn(line).filter(EnhancedStatusCode::isFailure).isPresent()
                || SmtpReply.codeAtStart(line).isPresent());
    }

    /** The error on a mention line in the shape {@code a@b: error}. */
    private static Optional<String> errorAfter(String mentionLine) {
        if (mentionLine.length() > MAX_LINE_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = LEADING.matcher(mentionLine);
        return matcher.matches() ? Optional.of(matcher.group(2).trim()) : Optional.empty();
    }

    /** The first line that says something, skipping labels such as Domino's {@code because:}. */
    private Optional<String> firstExplanation(int from, int to) {
        return lines.subList(Math.min(from, lines.size()), to).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !LABEL_ONLY.matcher(line).matches() && mentionIn(line).isEmpty())
            .findFirst();
    }
}
