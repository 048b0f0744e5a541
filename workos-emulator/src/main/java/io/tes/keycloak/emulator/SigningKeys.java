package io.tes.keycloak.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** RS256 keys for access tokens; the newest signs, all are published in the JWKS so rotation can be tested. */
final class SigningKeys {

    private record Key(String id, KeyPair pair, byte[] certificate) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final List<Key> keys = new CopyOnWriteArrayList<>();

    SigningKeys() {
        rotate();
    }

    /** Adds a new key that signs from now on; older keys stay published. */
    void rotate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            keys.add(new Key("key_" + (keys.size() + 1) + "_" + Grants.randomToken("").substring(0, 8), pair,
                    SelfSignedCertificate.issue(pair, "WorkOS emulator")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    String currentKeyId() {
        return keys.get(keys.size() - 1).id();
    }

    Map<String, Object> jwks() {
        List<Object> published = new ArrayList<>();
        for (Key key : keys) {
            RSAPublicKey publicKey = (RSAPublicKey) key.pair().getPublic();
            published.add(Json.object("alg", "RS256", "kty", "RSA", "use", "sig", "kid", key.id(),
                    "n", unsigned(publicKey.getModulus()), "e", unsigned(publicKey.getPublicExponent()),
                    "x5c", List.of(Base64.getEncoder().encodeToString(key.certificate())),
                    "x5t#S256", B64.encodeToString(sha256(key.certificate()))));
        }
        return Json.object("keys", published);
    }

    String sign(Map<String, Object> claims) {
        Key key = keys.get(keys.size() - 1);
        String header = B64.encodeToString(Json.write(Json.object("alg", "RS256", "kid", key.id(), "typ", "JWT")));
        String payload = B64.encodeToString(Json.write(claims));
        String signingInput = header + "." + payload;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.pair().getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return B64.encodeToString(bytes);
    }
}
