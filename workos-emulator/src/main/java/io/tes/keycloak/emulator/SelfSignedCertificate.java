package io.tes.keycloak.emulator;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A minimal self-signed X.509 certificate for a signing key, DER-encoded by hand (the JDK has no public API to
 * issue one), so the emulator's JWKS can carry {@code x5c} and {@code x5t#S256} as WorkOS's does.
 */
final class SelfSignedCertificate {

    private static final byte[] SHA256_WITH_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x0b};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private SelfSignedCertificate() {
    }

    static byte[] issue(KeyPair pair, String commonName) throws GeneralSecurityException {
        byte[] algorithm = sequence(tlv(0x06, SHA256_WITH_RSA), tlv(0x05, new byte[0]));
        byte[] name = sequence(tlv(0x31, sequence(tlv(0x06, COMMON_NAME),
                tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] validity = sequence(utcTime(now.minusDays(1)), utcTime(now.plusYears(10)));
        byte[] tbs = sequence(tlv(0xa0, tlv(0x02, new byte[] {2})),
                tlv(0x02, BigInteger.valueOf(now.toEpochSecond()).toByteArray()), algorithm, name, validity, name,
                pair.getPublic().getEncoded());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        return sequence(tbs, algorithm, tlv(0x03, bitString));
    }

    private static byte[] utcTime(ZonedDateTime time) {
        return tlv(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int start = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - start));
            out.write(bytes, start, bytes.length - start);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
