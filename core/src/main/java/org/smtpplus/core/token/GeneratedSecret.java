package org.smtpplus.core.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The token key of a relay given no SMTPPLUS_SECRET: generated at the first start and kept in a file readable by its
 * owner only, so that tokens written into mail stay valid across restarts. The key is 32 random bytes in hex, as
 * {@code openssl rand -hex 32} writes one, and like any other key it must pass {@link SecretStrength}.
 */
public final class GeneratedSecret {
    private static final int KEY_BYTES = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pattern EARLIER_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private GeneratedSecret() {
    }

    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            SecretStrength strength = SecretStrength.of(secret);
            if (!strength.isStrong() && !isEarlierGenerated(secret)) {
                throw new IllegalStateException(file + " holds a token secret too weak (" + strength.description() + "): it "
                    + SecretStrength.requirement() + ". Delete the file to have one generated (the links and return paths "
                    + "of mail already sent stop working), or set SMTPPLUS_SECRET (smtpplus.secret)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the token secret " + file, e);
        }
    }

    // Relays before this rule kept 32 random bytes as 43 characters of unpadded base64url. The estimate, which cannot
    // know how a value was made, finds about 1 in 7,500 of them too weak (no digit, '-' or '_'); refusing such a
    // relay's own key would break the links of all the mail it sent. A key of exactly that shape is random by making.
    private static boolean isEarlierGenerated(String secret) {
        return EARLIER_FORMAT.matcher(secret).matches();
    }

    private static void create(Path file) throws IOException {
        String key = newKey();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, key, StandardCharsets.UTF_8);
            // A link is made whole or not at all, and never replaces a file: of two nodes starting at once on one
            // home, the first key wins and both read it.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // The other node's key is there.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    // 64 hex digits pass the estimate unless they lack digits or letters altogether (odds of about 1 in 10^13): such
    // a draw is drawn again, so that every kept key passes the check made when it is read.
    private static String newKey() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[KEY_BYTES];
        String key;
        do {
            random.nextBytes(bytes);
            StringBuilder hex = new StringBuilder(2 * KEY_BYTES);
            for (byte b : bytes) {
                hex.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            key = hex.toString();
        } while (!SecretStrength.of(key).isStrong());
        return key;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions apply.
        }
    }
}
