package io.tes.keycloak.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/** Verifies an RS256 JWT against a JWKS, the way a relying party would, and returns its claims. */
public final class Jwts {

    private Jwts() {
    }

    public static JsonNode verify(String jwt, JsonNode jwks) throws Exception {
        String[] parts = jwt.split("\\.");
        JsonNode header = EmulatorClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new IllegalArgumentException("not RS256");
        }
        JsonNode key = null;
        for (JsonNode candidate : jwks.path("keys")) {
            if (candidate.path("kid").asText().equals(header.path("kid").asText())) {
                key = candidate;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("unknown kid " + header.path("kid").asText());
        }
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new IllegalArgumentException("bad signature");
        }
        return EmulatorClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
