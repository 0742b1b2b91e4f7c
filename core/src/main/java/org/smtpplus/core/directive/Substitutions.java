package org.smtpplus.core.directive;

import java.util.Map;

/** Literal tags replaced in a short text: a substitution value or a section of SendGrid's. */
final class Substitutions {
    /** {@code text} with each tag of {@code values} replaced, leftmost first, the longest where several start. */
    static String replace(String text, Map<String, String> values) {
        if (values.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            String found = null;
            for (String tag : values.keySet()) {
                if (text.startsWith(tag, i) && (found == null || tag.length() > found.length())) {
                    found = tag;
                }
            }
            if (found == null) {
                out.append(text.charAt(i++));
            } else {
                out.append(values.get(found));
                i += found.length();
            }
        }
        return out.toString();
    }

    private Substitutions() {
    }
}
