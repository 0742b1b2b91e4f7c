package org.smtpplus.core.merge;

import java.util.Optional;

/** The values a merge tag can take for one recipient's copy. */
public interface MergeValues {
    /** @param lowerCaseName a tag name, already lower-cased with {@link java.util.Locale#ROOT} */
    Optional<String> lookup(String lowerCaseName);
}
