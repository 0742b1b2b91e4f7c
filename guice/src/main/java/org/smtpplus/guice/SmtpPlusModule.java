package org.smtpplus.guice;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.settings.InvalidSettingException;
import org.smtpplus.core.settings.SmtpPlusSettings;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

/**
 * The bindings every SMTP+ mailet, matcher, SMTP hook and WebAdmin route shares. James installs this module
 * ({@code guice.extension.module} in extensions.properties) once, in the injector all extensions come from, so
 * that its singletons are the same object for all of them.
 */
public class SmtpPlusModule extends AbstractModule {
    private static final String SETTINGS_FILE = "smtpplus";

    @Override
    protected void configure() {
        bind(MemoryAccountRepository.class).in(Scopes.SINGLETON);
        bind(AccountRepository.class).to(MemoryAccountRepository.class);
        bind(PasswordHasher.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    DirectiveParser directiveParser(Clock clock) {  // James binds the Clock (ClockModule)
        return new DirectiveParser(clock);
    }

    @Provides
    @Singleton
    SmtpPlusSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException, InvalidSettingException {
        try {
            Configuration configuration = propertiesProvider.getConfiguration(SETTINGS_FILE);
            return SmtpPlusSettings.from(key -> Optional.ofNullable(configuration.getString(key, null))
                .map(String::trim)
                .filter(value -> !value.isEmpty()));
        } catch (FileNotFoundException e) {
            return SmtpPlusSettings.DEFAULT;
        }
    }
}
