package org.smtpplus.core.settings;

import java.util.function.Function;

/** A setting's value that SMTP+ cannot use: the key, the value as it may be shown, and what is expected. */
public final class InvalidSettingException extends Exception {
    private final String key;
    private final String value;
    private final String problem;

    public InvalidSettingException(String key, String value, String problem) {
        super(key + "=" + value + ": " + problem);
        this.key = key;
        this.value = value;
        this.problem = problem;
    }

    /** The smtpplus.* key at fault. */
    public String key() {
        return key;
    }

    /**
     * The message with the key under the name the user set it by ({@code SMTPPLUS_GATEWAY} for ./smtpplus run, the key
     * in a deployed James).
     */
    public String describe(Function<String, String> nameOfKey) {
        return nameOfKey.apply(key) + "=" + value + ": " + problem;
    }
}
