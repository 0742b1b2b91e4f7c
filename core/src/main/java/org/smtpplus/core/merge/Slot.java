package org.smtpplus.core.merge;

import java.util.Map;

/** A place in a template that each copy fills with a value of its own: a merge tag or a literal tag. */
interface Slot {
    /** Where the slot starts in the template. */
    int start();

    /** Just after its last character. */
    int end();

    /** Appends the copy's value, made safe by {@code escaping} as far as the kind of slot asks. */
    void appendValue(StringBuilder out, MergeValues values, Map<String, String> literalValues, Escaping escaping);

    /** The length of the copy's value before escaping. */
    int valueLength(MergeValues values, Map<String, String> literalValues);
}
