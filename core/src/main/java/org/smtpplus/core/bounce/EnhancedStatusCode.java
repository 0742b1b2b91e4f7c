package org.smtpplus.core.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An RFC 3463 enhanced mail system status code, {@code class.subject.detail}. */
public final class EnhancedStatusCode {
    // RFC 3463 section 2: the class is 2, 4 or 5, subject and detail 1 to 3 digits. The look-arounds keep a code
    // from being cut out of an IP address, a version or a date.
    private static final Pattern CODE =
        Pattern.compile("(?<![0-9.])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9]|\\.[0-9])");

    public static Optional<EnhancedStatusCode> firstIn(String text) {
        Matcher matcher = CODE.matcher(text);
        return matcher.find() ? Optional.of(of(matcher)) : Optional.empty();
    }

    /** Every failure code in the text, in order. */
    static List<EnhancedStatusCode> failuresIn(String text) {
        List<EnhancedStatusCode> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(text);
        while (matcher.find()) {
            EnhancedStatusCode code = of(matcher);
            if (code.isFailure()) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** The first failure code in the text that says more than its class. */
    public static Optional<EnhancedStatusCode> firstSpecificFailureIn(String text) {
        Matcher matcher = CODE.matcher(text);
        while (matcher.find()) {
            EnhancedStatusCode code = of(matcher);
            if (code.isFailure() && !code.isUnspecific()) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    /** {@code X.0.0}: RFC 3463 section 3.1, other undefined status of the class. */
    public static EnhancedStatusCode unspecific(int statusClass) {
        return new EnhancedStatusCode(statusClass, 0, 0);
    }

    private static EnhancedStatusCode of(Matcher matcher) {
        return new EnhancedStatusCode(
            Integer.parseInt(matcher.group(1)),
            Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3)));
    }

    private final int statusClass;
    private final int subject;
    private final int detail;

    private EnhancedStatusCode(int statusClass, int subject, int detail) {
        this.statusClass = statusClass;
        this.subject = subject;
        this.detail = detail;
    }

    public int statusClass() {
        return statusClass;
    }

    int subject() {
        return subject;
    }

    int detail() {
        return detail;
    }

    /** RFC 3463 section 3.1: class 4 is a persistent transient failure, class 5 a permanent one. */
    public boolean isFailure() {
        return statusClass == 4 || statusClass == 5;
    }

    public boolean isUnspecific() {
        return subject == 0 && detail == 0;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
