package io.tes.keycloak.workos.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WorkOS's webhook signature: {@code WorkOS-Signature: t=<ms timestamp>, v1=<hex>}, where v1 is HMAC-SHA256 with the
 * endpoint's secret over {@code <timestamp>.<raw body>}. Valid only within the tolerance of now (either side), and
 * compared in constant time.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    /** Whether the header signs this body with this secret at a time within the tolerance of {@code nowMillis}. */
    static boolean valid(String header, byte[] body, String secret, long nowMillis, Duration tolerance) {
        if (header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("t=")) {
                timestamp = item.substring(2);
            } else if (item.startsWith("v1=")) {
                signature = item.substring(3);
            }
        }
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,19}")) {
            return false;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowMillis - millis) > tolerance.toMillis()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
