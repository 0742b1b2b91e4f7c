package org.smtpplus.cassandra;

/**
 * The order of CQL {@code text} clustering columns: UTF-8 bytes, which is code point order. {@link String#compareTo}
 * compares UTF-16 units and disagrees for characters outside the Basic Multilingual Plane.
 */
final class CqlText {
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int codePointA = a.codePointAt(i);
            int codePointB = b.codePointAt(j);
            if (codePointA != codePointB) {
                return Integer.compare(codePointA, codePointB);
            }
            i += Character.charCount(codePointA);
            j += Character.charCount(codePointB);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private CqlText() {
    }
}
