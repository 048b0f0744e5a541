package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Token lifetimes, refresh rotation, revocation (RFC 7009) and introspection (RFC 7662)")
class TokenLifecycleIT {

    private static final String CLIENT = "lifecycle-test";
    private static final String SECRET = "lifecycle-test-secret";
    private static final String PASSWORD = "Local-pass-1!";

    @BeforeAll
    static void createClientAndUser() throws Exception {
        LocalClients.createConfidential(CLIENT, SECRET);
        TesKeycloak.env().admin.createUser(TesKeycloak.REALM, "lifecycle-user@local.test", PASSWORD);
    }

    private static JsonNode signIn() throws Exception {
        return LocalClients.json(LocalClients.password(CLIENT, SECRET, "lifecycle-user@local.test", PASSWORD), 200);
    }

    private static java.net.http.HttpResponse<String> refresh(String refreshToken) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "refresh_token", "client_id", CLIENT,
                "client_secret", SECRET, "refresh_token", refreshToken));
    }

    /** Introspection as tes-backend, the resource server every demo token names in its audience. */
    private static JsonNode introspect(String token) throws Exception {
        return LocalClients.json(Logins.oidc().post("token/introspect", Map.of("token", token,
                "client_id", "tes-backend", "client_secret", TesKeycloak.env().backendSecret)), 200);
    }

    @Test
    @DisplayName("Given a sign-in then the access token lives 15 minutes and the refresh token 7 days at most")
    void lifetimes() throws Exception {
        JsonNode tokens = signIn();

        assertThat(tokens.path("expires_in").asInt()).isEqualTo(900);
        assertThat(tokens.path("refresh_expires_in").asInt()).isPositive().isLessThanOrEqualTo(7 * 24 * 3600);
    }

    @Test
    @DisplayName("Given a refresh then a new refresh token is issued and the used one is refused afterwards")
    void refreshRotates() throws Exception {
        JsonNode first = signIn();
        JsonNode second = LocalClients.json(refresh(first.path("refresh_token").asText()), 200);

        assertThat(second.path("refresh_token").asText()).isNotEqualTo(first.path("refresh_token").asText());
        var reused = refresh(first.path("refresh_token").asText());

        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("Given only the newest refresh token used each time then refreshing goes on")
    void newestRefreshTokenKeepsWorking() throws Exception {
        JsonNode second = LocalClients.json(refresh(signIn().path("refresh_token").asText()), 200);

        LocalClients.json(refresh(second.path("refresh_token").asText()), 200);
    }

    @Test
    @DisplayName("Given a reused refresh token then the session it belongs to ends: the newest refresh token fails too")
    void reuseEndsTheSession() throws Exception {
        JsonNode first = signIn();
        JsonNode second = LocalClients.json(refresh(first.path("refresh_token").asText()), 200);

        assertThat(refresh(first.path("refresh_token").asText()).statusCode()).isEqualTo(400);

        var afterReuse = refresh(second.path("refresh_token").asText());
        assertThat(afterReuse.statusCode()).as(afterReuse.body()).isEqualTo(400);
        assertThat(introspect(second.path("access_token").asText()).path("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given a valid access token then introspection says active with its subject, client and expiry")
    void introspectActive() throws Exception {
        JsonNode tokens = signIn();

        JsonNode answer = introspect(tokens.path("access_token").asText());

        assertThat(answer.path("active").asBoolean()).isTrue();
        assertThat(answer.path("username").asText()).isEqualTo("lifecycle-user@local.test");
        assertThat(answer.path("client_id").asText()).isEqualTo(CLIENT);
        assertThat(answer.path("exp").asLong()).isGreaterThan(answer.path("iat").asLong());
        assertThat(answer.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
    }

    @Test
    @DisplayName("Given a garbage token then introspection answers only active=false; without client auth 401")
    void introspectInactiveAndUnauthenticated() throws Exception {
        JsonNode answer = introspect("not-a-token");
        var anonymous = Logins.oidc().post("token/introspect", Map.of("token", signIn().path("access_token").asText()));

        assertThat(answer.path("active").asBoolean()).isFalse();
        assertThat(answer.size()).isEqualTo(1);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Given a revoked refresh token then revocation answers 200 and the token and its session are dead")
    void revokeRefreshToken() throws Exception {
        JsonNode tokens = signIn();

        var revoked = Logins.oidc().post("revoke", Map.of("token", tokens.path("refresh_token").asText(),
                "token_type_hint", "refresh_token", "client_id", CLIENT, "client_secret", SECRET));

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(refresh(tokens.path("refresh_token").asText()).statusCode()).isEqualTo(400);
        assertThat(introspect(tokens.path("access_token").asText()).path("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given a revoked access token then introspection says inactive; an unknown token also answers 200")
    void revokeAccessTokenAndUnknown() throws Exception {
        JsonNode tokens = signIn();

        var revoked = Logins.oidc().post("revoke", Map.of("token", tokens.path("access_token").asText(),
                "token_type_hint", "access_token", "client_id", CLIENT, "client_secret", SECRET));
        var unknown = Logins.oidc().post("revoke", Map.of("token", "unknown-token", "client_id", CLIENT,
                "client_secret", SECRET));
        var wrongSecret = Logins.oidc().post("revoke", Map.of("token", tokens.path("refresh_token").asText(),
                "client_id", CLIENT, "client_secret", "wrong"));

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(introspect(tokens.path("access_token").asText()).path("active").asBoolean()).isFalse();
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }
}
