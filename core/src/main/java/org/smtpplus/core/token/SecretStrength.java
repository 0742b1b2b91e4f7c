package org.smtpplus.core.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a key that signs tokens (SMTPPLUS_SECRET, or the one a relay generates) is strong enough: 32 bytes of
 * entropy, as HMAC-SHA256 keys should have (RFC 2104 section 3: no less than the hash's output length). Nobody can
 * measure the entropy of one given string, so it is estimated: its length times log2 of the size of the character
 * kinds it uses (lower-case letters 26, upper-case 26, digits 10, anything else 33), at least {@value #MINIMUM_BITS}
 * bits, and at least {@value #MINIMUM_DISTINCT_CHARACTERS} different characters. A string that repeats a shorter one
 * at least twice ({@code passwordpassword...}) counts as that shorter one. {@code openssl rand -hex 32} (64
 * characters, about 330 bits) and {@code openssl rand -base64 32} (44 characters, about 290) pass; any string of
 * 38 characters or fewer fails, whatever it holds.
 *
 * <p>No library estimates this (zxcvbn-style estimators judge passwords people remember, not keys): it is a few
 * lines here. Descriptions never contain the secret.
 */
public final class SecretStrength {
    public static final int MINIMUM_BITS = 256;
    public static final int MINIMUM_DISTINCT_CHARACTERS = 10;
    /** What an operator runs to make a key that passes. */
    public static final String HOW_TO_MAKE_ONE = "openssl rand -hex 32";

    private static final int LOWER = 26;
    private static final int UPPER = 26;
    private static final int DIGITS = 10;
    // The printable ASCII characters that are no letter or digit, space included; non-ASCII ones count here too.
    private static final int OTHERS = 33;

    private final int length;
    private final int counted;
    private final List<String> kinds;
    private final int distinct;
    private final double bits;

    private SecretStrength(int length, int counted, List<String> kinds, int distinct, double bits) {
        this.length = length;
        this.counted = counted;
        this.kinds = kinds;
        this.distinct = distinct;
        this.bits = bits;
    }

    public static SecretStrength of(String secret) {
        int[] codePoints = secret.codePoints().toArray();
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        Set<Integer> different = new HashSet<>();
        for (int c : codePoints) {
            different.add(c);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        List<String> kinds = new ArrayList<>();
        int pool = 0;
        if (lower) {
            kinds.add("lower-case letters");
            pool += LOWER;
        }
        if (upper) {
            kinds.add("upper-case letters");
            pool += UPPER;
        }
        if (digit) {
            kinds.add("digits");
            pool += DIGITS;
        }
        if (other) {
            kinds.add("other characters");
            pool += OTHERS;
        }
        int counted = unrepeatedLength(codePoints);
        double bits = pool == 0 ? 0 : counted * Math.log(pool) / Math.log(2);
        return new SecretStrength(codePoints.length, counted, List.copyOf(kinds), different.size(), bits);
    }

    // The length of the shortest string whose repetition (the last one possibly cut) is the whole, when it is
    // repeated at least twice; the whole length otherwise. The period comes from the prefix function (Knuth,
    // Morris and Pratt), linear in the length.
    private static int unrepeatedLength(int[] s) {
        int n = s.length;
        if (n == 0) {
            return 0;
        }
        int[] border = new int[n];
        for (int i = 1; i < n; i++) {
            int k = border[i - 1];
            while (k > 0 && s[i] != s[k]) {
                k = border[k - 1];
            }
            if (s[i] == s[k]) {
                k++;
            }
            border[i] = k;
        }
        int period = n - border[n - 1];
        return 2 * period <= n ? period : n;
    }

    public boolean isStrong() {
        return bits >= MINIMUM_BITS && distinct >= MINIMUM_DISTINCT_CHARACTERS;
    }

    public double estimatedBits() {
        return bits;
    }

    /** What was counted, without the secret: {@code 32 characters (lower-case letters), 7 different, an estimated 150 bits}. */
    public String description() {
        return length + " characters" + (counted < length ? " repeating their first " + counted : "")
            + " (" + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + "), " + distinct + " different, an estimated "
            + (int) Math.floor(bits) + " bits";
    }

    /** The rule, and how to make a key that passes it. */
    public static String requirement() {
        return "must be a random key of an estimated " + MINIMUM_BITS + " bits (32 bytes) or more with at least "
            + MINIMUM_DISTINCT_CHARACTERS + " different characters (length times log2 of the character kinds it uses); make one with: "
            + HOW_TO_MAKE_ONE;
    }
}
