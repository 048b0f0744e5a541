package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.workos.testing.TestCrypto;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.keys.PublicKeyStorageProvider;
import org.keycloak.models.KeycloakSession;

@DisplayName("WorkOS access token verification")
class WorkOsAccessTokensTest {

    /** The emulator's access tokens live five minutes, as WorkOS's. */
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private WorkOsEmulator workos;
    private CloseableHttpClient http;
    private WorkOsClient client;
    private InMemoryPublicKeyStorage keys;

    @BeforeAll
    static void initCrypto() throws Exception {
        TestCrypto.install();
    }

    @AfterAll
    static void resetCrypto() {
        TestCrypto.uninstall();
    }

    @BeforeEach
    void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
        client = new WorkOsClient(http, WorkOsSettings.of(workos.baseUrl(), workos.apiKey(), workos.clientId()));
        keys = new InMemoryPublicKeyStorage();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        workos.close();
    }

    private Authentication signIn() throws WorkOsException {
        return client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null);
    }

    private WorkOsAccessTokens tokens() {
        return tokens(Clock.systemUTC());
    }

    private WorkOsAccessTokens tokens(Clock clock) {
        return new WorkOsAccessTokens(keys, clock);
    }

    /** Asserts the error and the reason, so a test fails for the reason it names. */
    private static void assertRejected(ThrowingCallable verification, WorkOsError error, String reason) {
        WorkOsException e = catchThrowableOfType(WorkOsException.class, verification);
        assertThat(e.error()).isEqualTo(error);
        assertThat(e.getMessage()).contains(reason);
    }

    private static Authentication withToken(Authentication real, String token) {
        return new Authentication(real.user(), real.organizationId(), token, real.refreshToken(),
                real.authenticationMethod());
    }

    private static String[] parts(String jwt) {
        return jwt.split("\\.", -1);
    }

    private static String header(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("Given a token WorkOS signed")
    class Valid {

        @Test
        @DisplayName("Given several sign-ins then the claims are read and the JWKS is fetched once")
        void readsClaimsAndLoadsKeysOnce() throws Exception {
            WorkOsAccessTokens tokens = tokens();

            AccessTokenClaims first = tokens.verify(client, signIn());
            tokens.verify(client, signIn());

            assertThat(first.userId()).startsWith("user_");
            assertThat(first.organizationId()).isEqualTo("org_acme");
            assertThat(first.roles()).containsExactly("viewer");
            assertThat(first.permissions()).contains("events:read");
            assertThat(first.sessionId()).startsWith("session_");
            assertThat(workos.calls().count(Endpoint.JWKS)).isEqualTo(1);
        }

        @Test
        @DisplayName("Given the keys of a WorkOS environment then they are stored under its base URL and client id")
        void keysTheStoreByEnvironment() throws Exception {
            tokens().verify(client, signIn());

            assertThat(keys.loadedModelKeys)
                    .containsExactly("workos::" + workos.baseUrl() + "::" + workos.clientId());
        }

        @Test
        @DisplayName("Given a Keycloak session then its public key store is used")
        void usesTheSessionsKeyStore() throws Exception {
            KeycloakSession session = mock(KeycloakSession.class);
            when(session.getProvider(PublicKeyStorageProvider.class)).thenReturn(keys);

            AccessTokenClaims claims = new WorkOsAccessTokens(session).verify(client, signIn());

            assertThat(claims.organizationId()).isEqualTo("org_acme");
            assertThat(keys.loadedModelKeys).hasSize(1);
        }

        @Test
        @DisplayName("Given a token expired less than a minute ago then the clock skew accepts it")
        void acceptsClockSkew() throws Exception {
            Clock late = Clock.offset(Clock.systemUTC(), TOKEN_LIFETIME.plusSeconds(30));

            assertThat(tokens(late).verify(client, signIn()).organizationId()).isEqualTo("org_acme");
        }
    }

    @Nested
    @DisplayName("Given WorkOS rotated its signing key")
    class Rotation {

        @Test
        @DisplayName("Given a token of the new key then the JWKS is loaded again once through the loader")
        void reloadsOnUnknownKeyId() throws Exception {
            WorkOsAccessTokens tokens = tokens();
            tokens.verify(client, signIn());
            workos.rotateSigningKey();

            tokens.verify(client, signIn());
            tokens.verify(client, signIn());

            assertThat(workos.calls().count(Endpoint.JWKS)).isEqualTo(2);
        }

        @Test
        @DisplayName("Given a key id WorkOS never published then the token is rejected as workos_invalid_token")
        void rejectsUnknownKeyId() throws Exception {
            Authentication real = signIn();
            String[] parts = parts(real.accessToken());
            String forged = header("{\"alg\":\"RS256\",\"kid\":\"key_unknown\",\"typ\":\"JWT\"}") + "." + parts[1]
                    + "." + parts[2];

            assertRejected(() -> tokens().verify(client, withToken(real, forged)), WorkOsError.INVALID_TOKEN,
                    "unknown key id");
            assertThat(WorkOsError.INVALID_TOKEN.code()).isEqualTo("workos_invalid_token");
        }

        @Test
        @DisplayName("Given a JWKS that is not JSON then verification fails as workos_malformed_response")
        void reportsAnUnreadableJwks() throws Exception {
            Authentication real = signIn();
            workos.faults().set(Endpoint.JWKS, Fault.malformed());

            assertRejected(() -> tokens().verify(client, real), WorkOsError.MALFORMED_RESPONSE, "not a JSON object");
        }
    }

    @Nested
    @DisplayName("Given a token WorkOS did not sign as it is")
    class Forged {

        @Test
        @DisplayName("Given changed claims then the signature fails and it is rejected")
        void rejectsTamperedClaims() throws Exception {
            Authentication real = signIn();
            String[] parts = parts(real.accessToken());
            String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

            assertRejected(() -> tokens().verify(client, withToken(real, forged)), WorkOsError.INVALID_TOKEN,
                    "bad signature");
        }

        @Test
        @DisplayName("Given the signature of another token then it is rejected")
        void rejectsAnotherTokensSignature() throws Exception {
            Authentication real = signIn();
            String other = parts(signIn().accessToken())[2];
            String[] parts = parts(real.accessToken());
            String forged = parts[0] + "." + parts[1] + "." + other;

            assertRejected(() -> tokens().verify(client, withToken(real, forged)), WorkOsError.INVALID_TOKEN,
                    "bad signature");
        }

        @Test
        @DisplayName("Given alg HS256 then it is rejected before any key is loaded")
        void rejectsHmac() throws Exception {
            Authentication real = signIn();
            String[] parts = parts(real.accessToken());
            String forged = header("{\"alg\":\"HS256\",\"kid\":\"" + workos.currentKeyId() + "\",\"typ\":\"JWT\"}")
                    + "." + parts[1] + "." + parts[2];

            assertRejected(() -> tokens().verify(client, withToken(real, forged)), WorkOsError.INVALID_TOKEN,
                    "algorithm is not RS256");
            assertThat(workos.calls().count(Endpoint.JWKS)).isZero();
        }

        @Test
        @DisplayName("Given alg none without a signature then it is rejected")
        void rejectsNone() throws Exception {
            Authentication real = signIn();
            String forged = header("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts(real.accessToken())[1] + ".";

            assertRejected(() -> tokens().verify(client, withToken(real, forged)), WorkOsError.INVALID_TOKEN,
                    "algorithm is not RS256");
        }

        @Test
        @DisplayName("Given something that is not a JWS then it is rejected")
        void rejectsGarbage() throws Exception {
            Authentication real = signIn();

            assertRejected(() -> tokens().verify(client, withToken(real, "not-a-token")),
                    WorkOsError.INVALID_TOKEN, "not a readable JWS");
            assertRejected(() -> tokens().verify(client, withToken(real, null)), WorkOsError.INVALID_TOKEN, "missing");
        }
    }

    @Nested
    @DisplayName("Given a genuine token that does not fit")
    class Mismatch {

        @Test
        @DisplayName("Given a token expired more than a minute ago then it is rejected")
        void rejectsExpired() throws Exception {
            Clock late = Clock.offset(Clock.systemUTC(), TOKEN_LIFETIME.plusSeconds(90));
            Authentication real = signIn();

            assertRejected(() -> tokens(late).verify(client, real), WorkOsError.INVALID_TOKEN, "expired");
        }

        @Test
        @DisplayName("Given an authentication of another user then the token is rejected")
        void rejectsAnotherUser() throws Exception {
            Authentication real = signIn();
            Authentication other = new Authentication(new WorkOsUser("user_someone_else", "eve@acme.test", true,
                    null, null), real.organizationId(), real.accessToken(), null, null);

            assertRejected(() -> tokens().verify(client, other), WorkOsError.INVALID_TOKEN,
                    "does not match the authentication");
        }

        @Test
        @DisplayName("Given an authentication in another organization then the token is rejected")
        void rejectsAnotherOrganization() throws Exception {
            Authentication real = signIn();
            Authentication other = new Authentication(real.user(), "org_globex", real.accessToken(), null, null);

            assertRejected(() -> tokens().verify(client, other), WorkOsError.INVALID_TOKEN,
                    "does not match the authentication");
        }
    }
}
