package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAdminJwtKeyTest {
    static final KeyPair KEYS = rsa(2048);

    @Test
    void aPemFileOrThePemTextGiveTheKeyAsJamesReadsIt(@TempDir Path directory) throws Exception {
        String pem = pem(KEYS.getPublic());
        Path file = directory.resolve("public.pem");
        Files.writeString(file, "a comment openssl leaves out, another tool may not\n" + pem.replace("\n", "\r\n"));

        assertThat(settings(file.toString()).webadminJwtPublicKey()).contains(pem);
        assertThat(settings(pem).webadminJwtPublicKey()).contains(pem);
        assertThat(new LauncherSettings(Map.of()).webadminJwtPublicKey()).isEmpty();
        assertThat(settings("  ").webadminJwtPublicKey()).isEmpty();
    }

    @Test
    void aMissingFileStopsTheLauncherNamingTheVariable() {
        assertThatThrownBy(() -> settings("/nowhere/public.pem").webadminJwtPublicKey())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY=/nowhere/public.pem: no such file");
    }

    @Test
    void somethingElseThanAnRsaPublicKeyOfAtLeast2048BitsIsRefused(@TempDir Path directory) throws Exception {
        Path privateKey = directory.resolve("private.pem");
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> settings(privateKey.toString()).webadminJwtPublicKey())
            .hasMessageStartingWith("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY=" + privateKey + ": must be a PEM public key");
        assertThatThrownBy(() -> settings(pem(rsa(1024).getPublic())).webadminJwtPublicKey())
            .hasMessage("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY=(PEM text): is an RSA key of 1024 bits: RS256 needs 2048 or more");
        assertThatThrownBy(() -> settings("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----").webadminJwtPublicKey())
            .hasMessageStartingWith("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY=(PEM text): is no RSA public key");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        assertThatThrownBy(() -> settings(pem(ec.generateKeyPair().getPublic())).webadminJwtPublicKey())
            .hasMessageStartingWith("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY=(PEM text): is no RSA public key");
    }

    @Test
    void theHostsAreHandedOn() {
        assertThat(new LauncherSettings(Map.of()).ofKey("smtpplus.webadmin.hosts")).isEmpty();
        assertThat(new LauncherSettings(Map.of("SMTPPLUS_WEBADMIN_HOSTS", " admin.example ")).ofKey("smtpplus.webadmin.hosts"))
            .contains("admin.example");
    }

    private static LauncherSettings settings(String key) {
        return new LauncherSettings(Map.of("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY", key));
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
