package io.tes.keycloak.emulator;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as WorkOS uses them: HMAC-SHA1, 6 digits, 30-second steps, with the shared
 * secret in base32 (RFC 4648, no padding). Tests compute the code an authenticator app would show with
 * {@link #code(String, Instant)}; pass the emulator's {@link WorkOsEmulator#now()} when its clock was moved.
 */
public final class Totp {

    /** Seconds per time step. */
    public static final int STEP_SECONDS = 30;
    /** Digits of a code. */
    public static final int DIGITS = 6;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** The 6-digit code for the base32 secret at the given time. */
    public static String code(String base32Secret, Instant at) {
        return codeAtStep(base32Decode(base32Secret), step(at), DIGITS);
    }

    /** The time step (RFC 6238's T) an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** A new random 160-bit secret, base32-encoded (32 characters). */
    public static String randomSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32Encode(secret);
    }

    /**
     * The step among {@code at}'s and its neighbours (one before, one after) whose code is {@code code}, skipping the
     * steps in {@code used}; empty when none matches.
     */
    static OptionalLong matchingStep(String base32Secret, String code, Instant at, java.util.Set<Long> used) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = base32Decode(base32Secret);
        long now = step(at);
        for (long candidate = now - 1; candidate <= now + 1; candidate++) {
            if (!used.contains(candidate) && codeAtStep(key, candidate, DIGITS).equals(code)) {
                return OptionalLong.of(candidate);
            }
        }
        return OptionalLong.empty();
    }

    /** RFC 4226 HOTP with HMAC-SHA1 and dynamic truncation, for the given counter. */
    static String codeAtStep(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    static String base32Encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** Decodes base32, ignoring case, spaces and padding; refuses other characters. */
    static byte[] base32Decode(String text) {
        String clean = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not a base32 secret");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
