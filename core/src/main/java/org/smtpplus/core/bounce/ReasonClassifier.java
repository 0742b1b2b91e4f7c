package org.smtpplus.core.bounce;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Names the {@link BounceReason} of one recipient's delivery failure, weighing the evidence in this order:
 * <ol>
 * <li>a specific RFC 3463 enhanced status code ({@link StatusCodeReasons}), the given status first, then the first
 * one in the diagnostic. A broad code ({@link StatusCodeReasons#refinable}) may be made more precise by a phrase
 * of the same type: 5.7.1 with "message looks like spam" is spam_detected. A phrase never changes the code's
 * type;</li>
 * <li>the diagnostic against the phrase tables ({@link BouncePhrases}): a generic code ({@code X.0.0},
 * {@code 5.5.0}, a vendor's code, or a reply code without an enhanced one) never outweighs a phrase;</li>
 * <li>the subject of a generic code ({@code X.7.0} is a policy refusal);</li>
 * <li>the SMTP reply code (RFC 5321 section 4.2.2);</li>
 * <li>else {@link BounceReason#UNDEFINED}, which is soft: a bounce that says nothing never suppresses.</li>
 * </ol>
 * A transient failure ({@code 4.x.x} or a {@code 4yz} reply) is never hard: the receiver asked to be tried later,
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
        if (specific.isPresent()) {
            BounceReason byCode = StatusCodeReasons.specificReason(specific.get()).orElseThrow();
            Optional<BouncePhrases.PhraseMatch> refinement = matches.stream()
                .filter(match -> StatusCodeReasons.refinable(specific.get(), byCode)
                    && match.reason().type() == byCode.type())
                .findFirst();
            BounceReason reason = refinement.map(BouncePhrases.PhraseMatch::reason).orElse(byCode);
            return result(reason, transientFailure, Classification.Evidence.STATUS_CODE, refinement);
        }
        if (!matches.isEmpty()) {
            return result(matches.get(0).reason(), transientFailure, Classification.Evidence.PHRASE,
                Optional.of(matches.get(0)));
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
            default:
                // 550, 553 and 554 cover a missing mailbox and a policy refusal alike: they say nothing alone
                return Optional.empty();
        }
    }
}
