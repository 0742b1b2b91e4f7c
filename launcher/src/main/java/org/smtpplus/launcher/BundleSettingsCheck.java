package org.smtpplus.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The smtpplus.* settings of the laid-out home, checked before James starts by SMTP+'s own rules
 * ({@code org.smtpplus.core.settings.SettingsCheck}, taken from the drop-in jar: the launcher's class path is a stock
 * James and holds no SMTP+ class), so that a bad one stops ./smtpplus run with one line naming the variable the user
 * set, rather than a Guice stack trace naming the key.
 */
final class BundleSettingsCheck {
    private static final String CHECK_CLASS = "org.smtpplus.core.settings.SettingsCheck";

    private BundleSettingsCheck() {
    }

    /**
     * @return the settings the launcher needs of the checked ones (the public listener's URL, address and port), by key
     * @throws IllegalArgumentException naming the setting, its value and what is expected
     */
    static Map<String, String> check(Path bundleJar, Path properties, LauncherSettings settings) throws IOException {
        Properties values = read(properties);
        // As SmtpPlusModule reads them: trimmed, blank as absent.
        Function<String, Optional<String>> lookup = key -> Optional.ofNullable(values.getProperty(key)).map(String::trim)
            .filter(value -> !value.isEmpty());
        try (URLClassLoader bundle = new URLClassLoader(new URL[] {bundleJar.toUri().toURL()}, BundleSettingsCheck.class.getClassLoader())) {
            return newCheck(bundle).apply(lookup, settings::nameOf);
        }
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<Function<String, Optional<String>>, Function<String, String>, Map<String, String>> newCheck(ClassLoader bundle)
            throws IOException {
        try {
            return (BiFunction<Function<String, Optional<String>>, Function<String, String>, Map<String, String>>)
                bundle.loadClass(CHECK_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("The SMTP+ drop-in jar has no usable " + CHECK_CLASS + ": rebuild it with ./smtpplus build", e);
        }
    }

    // java.util.Properties reads the file as James's Commons Configuration does, but for list values, which it keeps
    // whole where James splits them at commas and SmtpPlusModule joins them again. Commons Configuration would log
    // before logback is configured.
    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        return properties;
    }
}
