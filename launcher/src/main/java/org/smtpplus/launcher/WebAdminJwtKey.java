package org.smtpplus.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The public key of SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY (a PEM file's path, or the PEM text itself), checked before James
 * starts, so that a bad key stops the launcher with a message naming the variable rather than James's own failure deep
 * in its start. James verifies WebAdmin tokens with the key of {@code jwt.publickeypem.url}: an X.509
 * SubjectPublicKeyInfo in PEM ({@code -----BEGIN PUBLIC KEY-----}, what {@code openssl pkey -pubout} writes); tokens
 * are RS256, whose keys must have 2048 bits or more (RFC 7518 section 3.3).
 *
 * <p>The JDK reads it: James's own PublicKeyReader would log, and nothing may log before the home, where logback's
 * configuration is, is laid out.
 */
final class WebAdminJwtKey {
    static final String VARIABLE = "SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY";
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final int MINIMUM_BITS = 2048;
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private WebAdminJwtKey() {
    }

    /** The key as James reads it: a PEM public key, written anew from the key read. */
    static String pemOf(String value) {
        String shown = value.startsWith("-----BEGIN") ? "(PEM text)" : value;
        String pem = value.startsWith("-----BEGIN") ? value : read(value);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw invalid(shown, "must be a PEM public key between " + BEGIN + " and " + END
                + " (openssl pkey -in private.pem -pubout writes one)");
        }
        RSAPublicKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalid(shown, "is no RSA public key (" + e.getMessage() + "): WebAdmin tokens are RS256");
        }
        if (key.getModulus().bitLength() < MINIMUM_BITS) {
            throw invalid(shown, "is an RSA key of " + key.getModulus().bitLength() + " bits: RS256 needs " + MINIMUM_BITS + " or more");
        }
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n" + END + "\n";
    }

    private static String read(String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw invalid(path, "must be the path of a PEM file or the PEM text itself");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(path, "no such file: give the absolute path of a PEM file (./smtpplus run works in the "
                + "repository root) or the PEM text itself");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw invalid(path, "is a file of " + size + " bytes, no PEM public key");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw invalid(path, "could not be read as a PEM file: " + e);
        }
    }

    private static IllegalArgumentException invalid(String shown, String problem) {
        return new IllegalArgumentException(VARIABLE + "=" + shown + ": " + problem);
    }
}
