package org.smtpplus.core.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token key of a relay given no SMTPPLUS_SECRET: generated at the first start and kept in a file readable by its
 * owner only, so that tokens written into mail stay valid across restarts.
 */
public final class GeneratedSecret {
    private static final int KEY_BYTES = 32;

    private GeneratedSecret() {
    }

    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.length() < TokenSigner.MINIMUM_SECRET_LENGTH) {
                throw new IllegalStateException(file + " holds no token secret of at least "
                    + TokenSigner.MINIMUM_SECRET_LENGTH + " characters: delete it to have one generated");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the token secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(key), StandardCharsets.UTF_8);
            // A link is made whole or not at all, and never replaces a file: of two nodes starting at once on one
            // home, the first key wins and both read it.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // The other node's key is there.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions apply.
        }
    }
}
