package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.PublicKeyStorageProvider;

/**
 * The claims of a correctly signed WorkOS access token: issuer, expiry, not-before and issued-at, 60 s clock skew.
 * The tokens are signed here with a key the store trusts, so each test sets exactly the claims it is about.
 */
@DisplayName("WorkOS access token claims")
class WorkOsAccessTokenClaimsTest {

    private static final long NOW = 1_800_000_000L;
    private static final String BASE_URL = "https://api.workos.com";
    private static final String CLIENT_ID = "client_claims";
    private static final String KID = "key_claims";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static KeyPair signingKey;
    private static PublicKeyStorageProvider store;

    private final WorkOsClient client = new WorkOsClient(null, WorkOsSettings.of(BASE_URL + "/", "sk_test", CLIENT_ID));
    private final WorkOsAccessTokens tokens = new WorkOsAccessTokens(store,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signingKey = generator.generateKeyPair();
        KeyWrapper key = new KeyWrapper();
        key.setKid(KID);
        key.setAlgorithm("RS256");
        key.setType(KeyType.RSA);
        key.setUse(KeyUse.SIG);
        key.setPublicKey(signingKey.getPublic());
        store = mock(PublicKeyStorageProvider.class);
        when(store.getPublicKey(anyString(), eq(KID), eq("RS256"), any())).thenReturn(key);
    }

    /** WorkOS's claims for a new environment, valid at {@link #NOW}; a null value leaves the claim out. */
    private static Map<String, Object> claims(Object... overrides) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", BASE_URL + "/user_management/" + CLIENT_ID);
        claims.put("sub", "user_claims");
        claims.put("sid", "session_claims");
        claims.put("org_id", "org_claims");
        claims.put("jti", "jti_claims");
        claims.put("iat", NOW - 10);
        claims.put("exp", NOW + 290);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                claims.remove((String) overrides[i]);
            } else {
                claims.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return claims;
    }

    private static Authentication signed(Map<String, Object> claims) throws Exception {
        String input = B64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signingKey.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return new Authentication(new WorkOsUser("user_claims", "claims@acme.test", true, null, null), "org_claims",
                input + "." + B64.encodeToString(signature.sign()), "refresh_claims", "Password");
    }

    private void assertAccepted(Map<String, Object> claims) throws Exception {
        assertThat(tokens.verify(client, signed(claims)).userId()).isEqualTo("user_claims");
    }

    private void assertRejected(Map<String, Object> claims, String reason) throws Exception {
        Authentication authentication = signed(claims);
        WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> tokens.verify(client, authentication));

        assertThat(e).as("rejected: %s", claims).isNotNull();
        assertThat(e.error()).isEqualTo(WorkOsError.INVALID_TOKEN);
        assertThat(e.getMessage()).contains(reason);
    }

    @Nested
    @DisplayName("Given the issuer")
    class Issuer {

        @ParameterizedTest
        @ValueSource(strings = {BASE_URL + "/user_management/" + CLIENT_ID, BASE_URL, BASE_URL + "/"})
        @DisplayName("when it is the configured base URL, per client (new environments) or bare (older), then accepted")
        void derivedFromTheBaseUrl(String issuer) throws Exception {
            assertAccepted(claims("iss", issuer));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://api.workos.com.evil.test/user_management/" + CLIENT_ID,
            BASE_URL + "/user_management/client_other", "http://api.workos.com", BASE_URL + "/user_management",
            "https://acme.authkit.app", ""})
        @DisplayName("when it is another issuer then rejected")
        void anotherIssuer(String issuer) throws Exception {
            assertRejected(claims("iss", issuer), "issuer");
        }

        @Test
        @DisplayName("when it is missing or not a string then rejected")
        void missingIssuer() throws Exception {
            assertRejected(claims("iss", null), "issuer");
            assertRejected(claims("iss", 42), "issuer");
        }
    }

    @Nested
    @DisplayName("Given the token's times, with 60 seconds of clock skew")
    class Times {

        @Test
        @DisplayName("when it expired within the skew then accepted; longer ago, or without exp, rejected")
        void expiry() throws Exception {
            assertAccepted(claims("exp", NOW - 59));
            assertRejected(claims("exp", NOW - 61), "expired");
            assertRejected(claims("exp", null), "exp");
            assertRejected(claims("exp", "tomorrow"), "exp");
        }

        @Test
        @DisplayName("when nbf is absent, past, or within the skew then accepted; later, or not a number, rejected")
        void notBefore() throws Exception {
            assertAccepted(claims("nbf", null));
            assertAccepted(claims("nbf", NOW - 100));
            assertAccepted(claims("nbf", NOW + 59));
            assertRejected(claims("nbf", NOW + 61), "not valid yet");
            assertRejected(claims("nbf", "soon"), "nbf");
        }

        @Test
        @DisplayName("when iat is past or within the skew then accepted; in the future, or missing, rejected")
        void issuedAt() throws Exception {
            assertAccepted(claims("iat", NOW - 250));
            assertAccepted(claims("iat", NOW + 59));
            assertRejected(claims("iat", NOW + 61), "issued in the future");
            assertRejected(claims("iat", null), "iat");
        }
    }
}
