package org.smtpplus.core.settings;

public final class InvalidSettingException extends Exception {
    public InvalidSettingException(String key, String value, String problem) {
        super(key + "=" + value + ": " + problem);
    }
}
