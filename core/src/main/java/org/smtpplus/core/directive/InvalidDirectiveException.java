package org.smtpplus.core.directive;

import org.smtpplus.core.json.JsonDescriptions;

/**
 * A directive header the relay refuses. The message is meant for an SMTP reply: one line of printable US-ASCII
 * naming the field and the problem, e.g. {@code X-SmtpPlus field 'sendAt': must be at most 30 days ahead ...}.
 */
public final class InvalidDirectiveException extends Exception {
    private static final long serialVersionUID = 1L;
    // an SMTP reply line holds at most 512 octets (RFC 5321 section 4.5.3.1.5)
    private static final int MAX_FIELD_CHARS = 80;
    private static final int MAX_PROBLEM_CHARS = 300;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON path of the offending field ({@code tags[3]}, {@code vars.name}), or
     *              {@link DirectiveParser#HEADER_NAME} when the header as a whole is at fault
     */
    public InvalidDirectiveException(String field, String problem) {
        this(DirectiveParser.HEADER_NAME, field, problem);
    }

    /**
     * @param header the header at fault ({@code X-SmtpPlus}, {@code X-SMTPAPI}, {@code X-Mailgun-Variables})
     * @param field  the JSON path of the offending field, or the header's own name when the header as a whole is at
     *               fault
     */
    public InvalidDirectiveException(String header, String field, String problem) {
        super(message(header, safeField(field), safeProblem(problem)));
        this.field = safeField(field);
        this.problem = safeProblem(problem);
    }

    /** The same problem told of another header, whose reader shares the X-SmtpPlus reader's checks. */
    InvalidDirectiveException inHeader(String otherHeader, String otherField) {
        return new InvalidDirectiveException(otherHeader, otherField, problem);
    }

    private static String safeField(String field) {
        return JsonDescriptions.PRINTABLE_ASCII.escape(field, MAX_FIELD_CHARS);
    }

    private static String safeProblem(String problem) {
        return JsonDescriptions.PRINTABLE_ASCII.escape(problem, MAX_PROBLEM_CHARS);
    }

    private static String message(String header, String field, String problem) {
        if (header.equals(field)) {
            return header + " header: " + problem;
        }
        return header + " field '" + field + "': " + problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
