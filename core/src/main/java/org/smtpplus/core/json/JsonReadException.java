package org.smtpplus.core.json;

/**
 * A JSON text {@link StrictJsonReader} refuses, or a value {@link JsonScalars} refuses, with the problem ready for a
 * refusal message.
 */
public final class JsonReadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /**
     * @param path the dotted path of the offending field ({@code plan.messagesPerMonth}), or {@code ""} when the
     *             text as a whole is at fault
     */
    public JsonReadException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /**
     * Empty when the text as a whole is at fault.
     */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
