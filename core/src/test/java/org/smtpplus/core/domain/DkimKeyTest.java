package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DkimKeyTest {
    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00.123456789Z");
    // RSA 2048 key generation takes a good fraction of a second: one key for every test
    private static final DkimKey KEY = DkimKey.generate("s202612", NOW);

    @Test
    void aGeneratedKeyIsRsa2048UnderItsSelector() throws Exception {
        assertThat(KEY.selector()).isEqualTo("s202612");
        assertThat(KEY.algorithm()).isEqualTo("rsa-sha256");
        assertThat(KEY.bits()).isEqualTo(2048);
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(KEY.publicKeyBytes()));
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void itsCreationIsKeptToTheMillisecondAsStoresKeepIt() {
        assertThat(KEY.createdAt()).isEqualTo(Instant.parse("2026-12-06T07:30:00.123Z"));
    }

    @Test
    void thePrivateKeySignsWhatThePublicKeyVerifies() throws Exception {
        byte[] data = "From: a@shop.example".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(KEY.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
            Base64.getDecoder().decode(KEY.publicKeyBase64()))));
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void theDnsRecordCarriesThePublicKey() {
        // RFC 6376 section 3.6.1
        assertThat(KEY.dnsRecordValue()).isEqualTo("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KEY.publicKeyBytes()));
        assertThat(KEY.dnsRecordValue()).doesNotContain("\n", "\r", "\"");
        // RFC 6376 section 3.6.2.1
        assertThat(KEY.dnsRecordName("shop.example")).isEqualTo("s202612._domainkey.shop.example");
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        String privateBase64 = Base64.getEncoder().encodeToString(KEY.privateKeyBytes());
        String privateMimeBase64 = Base64.getMimeEncoder().encodeToString(KEY.privateKeyBytes());

        assertThat(KEY.toString())
            .contains("s202612", KEY.publicKeyBase64())
            .doesNotContain(privateBase64)
            .doesNotContain(privateMimeBase64.substring(0, privateMimeBase64.indexOf('\r')))
            // past the algorithm's header: the key material itself
            .doesNotContain(privateBase64.substring(64, 128));
        assertThat(new SendingDomain("shop.example", Optional.of("shop"), "shop.example", KEY, Optional.of(KEY),
            Optional.empty()).toString()).doesNotContain(privateBase64.substring(64, 128));
    }

    @Test
    void theBytesHandedOutAreCopies() {
        byte[] privateKey = KEY.privateKeyBytes();
        byte[] publicKey = KEY.publicKeyBytes();
        privateKey[0] ^= 1;
        publicKey[0] ^= 1;

        assertThat(KEY.privateKeyBytes()).isNotEqualTo(privateKey);
        assertThat(KEY.publicKeyBytes()).isNotEqualTo(publicKey);
    }

    @Test
    void keysAreEqualByTheirFields() {
        DkimKey same = new DkimKey("s202612", KEY.publicKeyBytes(), KEY.privateKeyBytes(), NOW);
        byte[] otherPrivate = KEY.privateKeyBytes();
        otherPrivate[otherPrivate.length - 1] ^= 1;

        assertThat(same).isEqualTo(KEY).hasSameHashCodeAs(KEY);
        assertThat(new DkimKey("s202701", KEY.publicKeyBytes(), KEY.privateKeyBytes(), NOW)).isNotEqualTo(KEY);
        assertThat(new DkimKey("s202612", KEY.publicKeyBytes(), otherPrivate, NOW)).isNotEqualTo(KEY);
        assertThat(new DkimKey("s202612", KEY.publicKeyBytes(), KEY.privateKeyBytes(), NOW.plusSeconds(1))).isNotEqualTo(KEY);
    }

    @Test
    void everyGeneratedKeyIsNew() {
        assertThat(DkimKey.generate("s202612", NOW).publicKeyBytes()).isNotEqualTo(KEY.publicKeyBytes());
    }
}
