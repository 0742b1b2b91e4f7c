package org.smtpplus.core.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link SmtpPlusSettings#from} for the launcher of ./smtpplus run, which checks the settings before James starts so
 * that a bad one stops it with one line rather than deep in James's start. The launcher's class path is a stock
 * James: it loads this class from the drop-in jar and calls it through JDK types only.
 *
 * <p>Arguments: the value of each key (empty when absent or blank, as {@code SmtpPlusModule} reads it), and the name
 * the user set each key by. Answers what the launcher needs of the settings: the public listener's URL, address and
 * port, and the store ({@code memory} or {@code cassandra}: a cassandra store gets James's durable mail queue), by key. Throws an IllegalArgumentException whose message is the setting, its value and what is expected.
 */
public final class SettingsCheck implements BiFunction<Function<String, Optional<String>>, Function<String, String>, Map<String, String>> {
    @Override
    public Map<String, String> apply(Function<String, Optional<String>> lookup, Function<String, String> nameOfKey) {
        SmtpPlusSettings settings;
        try {
            settings = SmtpPlusSettings.from(lookup);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.describe(nameOfKey));
        }
        return Map.of(SmtpPlusSettings.PUBLIC_URL, settings.publicUrl().toString(),
            SmtpPlusSettings.PUBLIC_BIND, settings.publicBind(),
            SmtpPlusSettings.PUBLIC_PORT, String.valueOf(settings.publicPort()),
            SmtpPlusSettings.STORE, settings.store().name().toLowerCase(Locale.ROOT));
    }
}
