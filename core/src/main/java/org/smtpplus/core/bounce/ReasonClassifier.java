package org.smtpplus.core.bounce;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Names the {@link BounceReason} of one recipient's delivery failure, weighing the evidence in this order:
 * <ol>
 * <li>a specific RFC 3463 enhanced status code ({@link StatusCodeReasons}), the given status first, then the first
 * one in the diagnostic. The code's reason stands when a phrase says it too, or when no phrase contradicts it; a
 * phrase that names another reason refines it within the bounds of {@link StatusCodeReasons#mayRefine}: a hard code
 * stays hard unless the text says it was our sender that was refused or that the mailbox is disabled or full, a
 * mailbox status never becomes hard, and a policy code (X.7.x, "delivery not authorized, message refused", covers
 * any refusal) is made precise by a phrase of its family first ("looks like spam"), else takes what the phrase
 * says but a hard reason other than a missing mailbox, Yandex's "5.7.1 No such user" and Gmail's "5.7.1 ...
 * blocked by user's settings" alike;</li>
 * <li>the diagnostic against the phrase tables ({@link BouncePhrases}): a generic code ({@code X.0.0},
 * {@code 5.5.0}, a vendor's code, or a reply code without an enhanced one) never outweighs a phrase. A phrase of a
 * reason that keeps the address wins over one that suppresses it, whatever their lengths: a doubt must not
 * suppress a live address;</li>
 * <li>the subject of a generic code ({@code X.7.0} and a vendor's {@code X.7.y} are policy refusals);</li>
 * <li>the SMTP reply code (RFC 5321 section 4.2.2);</li>
 * <li>else {@link BounceReason#UNDEFINED}, which is soft: a bounce that says nothing never suppresses.</li>
 * </ol>
 * A phrase that lies inside a longer phrase the text holds is no evidence of its own: "quota exceeded" in
 * "submission quota exceeded" says nothing of a mailbox. A phrase that says the reporting MTA gave up
 * ({@link BounceReason#EXPIRED}) says when, not why: a phrase naming the recipient's side of the failure (a full
 * mailbox, a filter, a block) decides over it, and it decides over the network error met last and over a missing
 * mailbox: an MTA retries only temporary failures. A weak phrase ({@link BouncePhrases.PhraseMatch#weak}) counts
 * only when no other matches, and never refines a code.
 *
 * <p>A transient failure ({@code 4.x.x} or a {@code 4yz} reply) is never hard: the receiver asked to be tried later,
 * and a report of it means the reporting MTA stopped trying, so a reason that would suppress reads as
 * {@link BounceReason#EXPIRED}.
 */
public final class ReasonClassifier {
    private static final int TRANSIENT_CLASS = 4;
    private final BouncePhrases phrases;

    public ReasonClassifier(BouncePhrases phrases) {
        this.phrases = phrases;
    }

    private static final class Holder {
        private static final ReasonClassifier BUILT_IN = new ReasonClassifier(BouncePhrases.builtIn());
    }

    /** With the built-in phrase table only. */
    public static ReasonClassifier builtIn() {
        return Holder.BUILT_IN;
    }

    /**
     * A failure of the relay's own delivery to the next hop, as James's RemoteDelivery reports it: the next hop's
     * reply, or the error met without one.
     *
     * @param diagnostic       the reply or the error
     * @param retriesExhausted true when delivery stopped because every retry of a temporary failure failed: the
     *                         reason is then {@link BounceReason#EXPIRED}, whatever the last error said
     */
    public RecipientFailure ownDeliveryFailure(String diagnostic, boolean retriesExhausted) {
        Optional<String> status = EnhancedStatusCode.firstIn(diagnostic).map(EnhancedStatusCode::toString);
        BounceReason reason = retriesExhausted ? BounceReason.EXPIRED : classify(status, diagnostic).reason();
        return new RecipientFailure(Optional.empty(), Optional.empty(), status, diagnostic, reason);
    }

    /** The reason, and the evidence that decided it. */
    public static final class Classification {
        /** What decided the reason. */
        public enum Evidence {
            STATUS_CODE, PHRASE, CODE_SUBJECT, REPLY_CODE, NOTHING
        }

        private final BounceReason reason;
        private final Evidence evidence;
        private final Optional<BouncePhrases.PhraseMatch> phrase;

        Classification(BounceReason reason, Evidence evidence, Optional<BouncePhrases.PhraseMatch> phrase) {
            this.reason = reason;
            this.evidence = evidence;
            this.phrase = phrase;
        }

        public BounceReason reason() {
            return reason;
        }

        public BounceType type() {
            return reason.type();
        }

        public Evidence evidence() {
            return evidence;
        }

        /** The phrase that decided or refined the reason, when one did. */
        public Optional<BouncePhrases.PhraseMatch> phrase() {
            return phrase;
        }

        @Override
        public String toString() {
            return reason.asJson() + " by " + evidence + phrase.map(match -> " " + match).orElse("");
        }
    }

    /**
     * @param status     an RFC 3463 code such as {@code 5.1.1}, when the bounce gave one; anything else is ignored
     * @param diagnostic the free text: an SMTP reply line, a Diagnostic-Code, a sentence of a text bounce
     */
    public Classification classify(Optional<String> status, String diagnostic) {
        String text = diagnostic.length() <= BouncePhrases.MAX_TEXT_LENGTH
            ? diagnostic : diagnostic.substring(0, BouncePhrases.MAX_TEXT_LENGTH);
        Optional<EnhancedStatusCode> given = status.flatMap(EnhancedStatusCode::firstIn)
            .filter(EnhancedStatusCode::isFailure);
        List<EnhancedStatusCode> inText = EnhancedStatusCode.failuresIn(text);
        OptionalInt reply = SmtpReply.codeAtStart(text);
        boolean transientFailure = given.or(() -> inText.stream().findFirst())
            .map(code -> code.statusClass() == TRANSIENT_CLASS)
            .orElse(reply.isPresent() && reply.getAsInt() / 100 == TRANSIENT_CLASS);
        List<BouncePhrases.PhraseMatch> matches = phrases.matches(text);

        Optional<EnhancedStatusCode> specific = given.filter(code -> StatusCodeReasons.specificReason(code).isPresent())
            .or(() -> inText.stream().filter(code -> StatusCodeReasons.specificReason(code).isPresent()).findFirst());
        List<BouncePhrases.PhraseMatch> standing = standing(matches);
        if (specific.isPresent()) {
            BounceReason byCode = StatusCodeReasons.specificReason(specific.get()).orElseThrow();
            // a specific code is better evidence than a wording that may only frame another reason
            Optional<BouncePhrases.PhraseMatch> refinement = refinement(specific.get(), byCode,
                standing.stream().filter(match -> !match.weak()).collect(Collectors.toList()));
            BounceReason reason = refinement.map(BouncePhrases.PhraseMatch::reason).orElse(byCode);
            return result(reason, transientFailure, Classification.Evidence.STATUS_CODE, refinement);
        }
        if (!standing.isEmpty()) {
            BouncePhrases.PhraseMatch best = whyOverWhen(standing);
            return result(best.reason(), transientFailure, Classification.Evidence.PHRASE, Optional.of(best));
        }
        Optional<BounceReason> hint = given.or(() -> inText.stream().findFirst()).flatMap(StatusCodeReasons::subjectHint);
        if (hint.isPresent()) {
            return result(hint.get(), transientFailure, Classification.Evidence.CODE_SUBJECT, Optional.empty());
        }
        Optional<BounceReason> byReply = reply.isPresent() ? byReplyCode(reply.getAsInt()) : Optional.empty();
        if (byReply.isPresent()) {
            return result(byReply.get(), transientFailure, Classification.Evidence.REPLY_CODE, Optional.empty());
        }
        return new Classification(BounceReason.UNDEFINED, Classification.Evidence.NOTHING, Optional.empty());
    }

    /**
     * The matches that are not part of a longer match, those of a reason that keeps the address first (a doubt must
     * not suppress: "Mailbox not available: mailbox is full" is full, "Sender address rejected: User unknown in local
     * recipient table" is about our sender), each group the most specific first; the weak ones only when no other
     * phrase matched ({@link BouncePhrases.PhraseMatch#weak}).
     */
    private static List<BouncePhrases.PhraseMatch> standing(List<BouncePhrases.PhraseMatch> matches) {
        List<BouncePhrases.PhraseMatch> whole = matches.stream()
            .filter(match -> matches.stream().noneMatch(longer -> longer.phrase().length() > match.phrase().length()
                && longer.phrase().contains(match.phrase())))
            .sorted(Comparator.comparing(match -> match.reason().type() == BounceType.HARD))
            .collect(Collectors.toList());
        List<BouncePhrases.PhraseMatch> strong = whole.stream().filter(match -> !match.weak()).collect(Collectors.toList());
        return strong.isEmpty() ? whole : strong;
    }

    /**
     * The phrase that replaces or makes more precise a specific code's reason, in this order: for a hard code, a
     * phrase that says our sender was refused; for a code of the policy family (whose reasons are broad: 5.7.1 is
     * any refusal), the most specific phrase of that family; none when a phrase names the code's own reason; else
     * the most specific phrase of a reason the code may take ({@link StatusCodeReasons#mayRefine}).
     */
    private static Optional<BouncePhrases.PhraseMatch> refinement(EnhancedStatusCode code, BounceReason byCode,
                                                                  List<BouncePhrases.PhraseMatch> standing) {
        if (byCode.type() == BounceType.HARD) {
            Optional<BouncePhrases.PhraseMatch> sender = standing.stream()
                .filter(match -> match.reason() == BounceReason.REJECTED)
                .findFirst();
            if (sender.isPresent()) {
                return sender;
            }
        }
        if (byCode.type() == BounceType.BLOCK) {
            Optional<BouncePhrases.PhraseMatch> family = standing.stream()
                .filter(match -> match.reason().type() == BounceType.BLOCK)
                .findFirst();
            if (family.isPresent()) {
                return family;
            }
        }
        if (standing.stream().anyMatch(match -> match.reason() == byCode)) {
            return Optional.empty();
        }
        return standing.stream()
            .filter(match -> StatusCodeReasons.mayRefine(code, byCode, match.reason()))
            .findFirst();
    }

    /**
     * The first standing match; but when a phrase says the reporting MTA gave up, it decides over the network, content
     * and system errors met on the way, and yields only to a phrase that says why on the recipient's side and keeps
     * the address: an MTA retries only temporary failures, so giving up says nothing of a missing mailbox.
     */
    private static BouncePhrases.PhraseMatch whyOverWhen(List<BouncePhrases.PhraseMatch> standing) {
        Optional<BouncePhrases.PhraseMatch> gaveUp = standing.stream()
            .filter(match -> match.reason() == BounceReason.EXPIRED)
            .findFirst();
        if (gaveUp.isEmpty()) {
            return standing.get(0);
        }
        int expired = BouncePhrases.PRECEDENCE.indexOf(BounceReason.EXPIRED);
        return standing.stream()
            .filter(match -> BouncePhrases.PRECEDENCE.indexOf(match.reason()) < expired)
            .findFirst()
            .orElse(gaveUp.get());
    }

    private static Classification result(BounceReason reason, boolean transientFailure,
                                         Classification.Evidence evidence, Optional<BouncePhrases.PhraseMatch> phrase) {
        // RFC 3463 section 3.1: class 4 is a persistent transient failure, the mailbox may yet accept it
        BounceReason kept = transientFailure && reason.type() == BounceType.HARD ? BounceReason.EXPIRED : reason;
        return new Classification(kept, evidence, phrase);
    }

    /** RFC 5321 section 4.2.2 and 4.2.3: the reply codes whose meaning is one reason. */
    private static Optional<BounceReason> byReplyCode(int reply) {
        switch (reply) {
            case 421: // service not available, closing transmission channel
            case 451: // local error in processing
            case 452: // insufficient system storage
                return Optional.of(BounceReason.SYSTEM_ERROR);
            case 552: // exceeded storage allocation
                return Optional.of(BounceReason.MAILBOX_FULL);
            case 556: // RFC 7505 section 3: domain does not accept mail (a null MX)
                return Optional.of(BounceReason.NOT_ACCEPT);
            default:
                // 550, 553 and 554 cover a missing mailbox and a policy refusal alike: they say nothing alone
                return Optional.empty();
        }
    }
}
