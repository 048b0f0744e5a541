package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.workos.testing.TestCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.keycloak.util.JsonSerialization;

/**
 * Fuzz tests of WorkOS access-token verification against a fixed test key set: any token text, any claims text
 * signed with the test key, and claims built from fuzzed values whose verdict is worked out independently. Only a
 * typed {@code workos_invalid_token} may come out, nothing unsigned or wrongly signed is ever accepted, and a signed
 * token is accepted exactly when its issuer, subject, organization and times are right.
 */
class WorkOsAccessTokensFuzzTest {

    private static final String BASE_URL = "https://workos.test";
    private static final String CLIENT_ID = "client_fuzz";
    private static final String KID = "key_fuzz";
    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").getEpochSecond();
    private static final long SKEW = 60;
    private static final String[] HEADERS = {
        "{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}",
        "{\"alg\":\"none\",\"kid\":\"" + KID + "\"}",
        "{\"alg\":\"HS256\",\"kid\":\"" + KID + "\"}",
        "{\"alg\":\"RS256\",\"kid\":\"key_unknown\"}",
        "{\"alg\":\"RS256\"}",
        "{\"alg\":\"RS512\",\"kid\":\"" + KID + "\"}",
    };
    private static final String[] ISSUERS = {BASE_URL, BASE_URL + "/", BASE_URL + "/user_management/" + CLIENT_ID,
        "https://evil.test", BASE_URL + "/user_management/other", ""};
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeyPair key;
    private static CannedHttpClient http;
    private static WorkOsClient client;
    private static WorkOsAccessTokens tokens;

    @BeforeAll
    static void keySet() throws Exception {
        TestCrypto.install();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent()) + "\"}]}";
        http = new CannedHttpClient().answer(200, jwks.getBytes(StandardCharsets.UTF_8), -1, null);
        client = new WorkOsClient(http, new WorkOsSettings(BASE_URL, "sk_test", CLIENT_ID, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1), duration -> { });
        tokens = new WorkOsAccessTokens(new InMemoryPublicKeyStorage(), Clock.fixed(Instant.ofEpochSecond(NOW),
                ZoneOffset.UTC));
    }

    @AfterAll
    static void resetCrypto() {
        TestCrypto.uninstall();
    }

    /** Any text as the token: never accepted (nothing here is signed with the test key), only a typed refusal. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyToken(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        try {
            tokens.verify(client, authentication(token));
            fail("accepted a token nobody signed: " + token);
        } catch (WorkOsException e) {
            assertThat(e.error()).isEqualTo(WorkOsError.INVALID_TOKEN);
        }
    }

    /** {@code [header][claims text...]}, signed with the test key: accepted only when the claims are all right. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void signedClaims(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String header = HEADERS[(input[0] & 0xff) % HEADERS.length];
        byte[] claims = Arrays.copyOfRange(input, 1, input.length);
        boolean accepted = verdict(sign(header, claims));
        JsonNode parsed;
        try {
            parsed = JsonSerialization.mapper.readTree(claims);
        } catch (IOException notJson) {
            assertThat(accepted).isFalse();
            return;
        }
        assertThat(accepted).isEqualTo(header.equals(HEADERS[0]) && expected(parsed));
    }

    /** Claims from fuzzed values (times anywhere in the long range): the verdict matches the rules worked out here. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void claims(FuzzedDataProvider data) {
        // With no more input each choice falls back to a good claim, so the fuzzer starts from accepted tokens.
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ISSUERS[data.consumeInt(0, ISSUERS.length - 1)]);
        claims.put("sub", data.consumeBoolean() ? data.consumeString(12) : "user_1");
        claims.put("sid", "session_1");
        if (!data.consumeBoolean()) {
            claims.put("org_id", "org_1");
        } else if (data.consumeBoolean()) {
            claims.put("org_id", data.consumeString(8));
        }
        long[] good = {NOW + 300, NOW, NOW};
        String[] names = {"exp", "iat", "nbf"};
        for (int i = 0; i < names.length; i++) {
            switch (data.consumeInt(0, 5)) {
                case 0 -> claims.put(names[i], good[i]);
                case 1 -> { }
                case 2 -> claims.put(names[i], data.consumeString(12));
                case 3 -> claims.put(names[i], data.consumeDouble());
                case 4 -> claims.put(names[i], new BigInteger("9".repeat(25)));
                default -> claims.put(names[i], near(data));
            }
        }
        claims.putArray("roles").add(data.consumeString(8));
        boolean accepted = verdict(sign(HEADERS[0], claims.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(accepted).as("verdict on %s", claims).isEqualTo(expected(claims));
    }

    /** Most times near now, where the checks decide; some anywhere, where arithmetic could overflow. */
    private static long near(FuzzedDataProvider data) {
        return data.consumeBoolean() ? NOW + data.consumeLong(-600, 600) : data.consumeLong();
    }

    /** The rules, with exact arithmetic: RS256 by the key, issuer, subject and organization, exp, iat, nbf. */
    private static boolean expected(JsonNode claims) {
        if (!claims.isObject() || !claims.path("iss").isTextual()) {
            return false;
        }
        String issuer = claims.get("iss").asText().endsWith("/")
                ? claims.get("iss").asText().substring(0, claims.get("iss").asText().length() - 1)
                : claims.get("iss").asText();
        boolean rightIssuer = issuer.equals(BASE_URL) || issuer.equals(BASE_URL + "/user_management/" + CLIENT_ID);
        JsonNode sub = claims.get("sub");
        JsonNode org = claims.get("org_id");
        boolean rightSubject = sub != null && !sub.isNull() && sub.asText().equals("user_1")
                && org != null && !org.isNull() && org.asText().equals("org_1");
        BigInteger now = BigInteger.valueOf(NOW);
        BigInteger skew = BigInteger.valueOf(SKEW);
        BigInteger exp = time(claims, "exp");
        BigInteger iat = time(claims, "iat");
        BigInteger nbf = claims.has("nbf") ? time(claims, "nbf") : BigInteger.ZERO;
        return rightIssuer && rightSubject && exp != null && iat != null && nbf != null
                && exp.add(skew).compareTo(now) >= 0 && iat.subtract(skew).compareTo(now) <= 0
                && nbf.subtract(skew).compareTo(now) <= 0;
    }

    private static BigInteger time(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value == null || !value.isNumber() || !value.canConvertToLong() ? null
                : BigInteger.valueOf(value.asLong());
    }

    /** True when accepted; a refusal must be the typed one. */
    private static boolean verdict(String token) {
        try {
            AccessTokenClaims claims = tokens.verify(client, authentication(token));
            assertThat(claims.userId()).isEqualTo("user_1");
            assertThat(claims.organizationId()).isEqualTo("org_1");
            assertThat(claims.roles()).doesNotContainNull();
            return true;
        } catch (WorkOsException e) {
            assertThat(e.error()).isEqualTo(WorkOsError.INVALID_TOKEN);
            return false;
        }
    }

    private static Authentication authentication(String token) {
        return new Authentication(new WorkOsUser("user_1", "a@b.test", true, null, null), "org_1", token, "refresh",
                "Password");
    }

    private static String sign(String header, byte[] claims) {
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
