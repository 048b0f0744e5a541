package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Standard token exchange (RFC 8693, Keycloak's V2): tes-backend trades a user's token for one of its own. */
@ExtendWith(TesKeycloak.class)
@DisplayName("Token exchange for tes-backend")
class TokenExchangeIT {

    private static final String APP = "exchange-app";
    private static final String APP_SECRET = "exchange-app-secret";
    private static final String PASSWORD = "Local-pass-1!";
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    @BeforeAll
    static void createClientAndUser() throws Exception {
        LocalClients.createConfidential(APP, APP_SECRET);
        TesKeycloak.env().admin.createUser(TesKeycloak.REALM, "exchange-user@local.test", PASSWORD);
    }

    private static String userToken() throws Exception {
        return LocalClients.json(LocalClients.password(APP, APP_SECRET, "exchange-user@local.test", PASSWORD), 200)
                .path("access_token").asText();
    }

    private static HttpResponse<String> exchange(String clientId, String secret, String subjectToken)
            throws Exception {
        return Logins.oidc().token(Map.of("grant_type", TOKEN_EXCHANGE, "client_id", clientId,
                "client_secret", secret, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE));
    }

    @Test
    @DisplayName("Given a user's token from a demo-scoped app then tes-backend gets its own token for that user")
    void backendExchangesUserToken() throws Exception {
        String subject = userToken();
        JsonNode subjectClaims = Jwts.verify(subject, Logins.oidc().jwks());

        JsonNode answer = LocalClients.json(exchange("tes-backend", TesKeycloak.env().backendSecret, subject), 200);
        JsonNode claims = Jwts.verify(answer.path("access_token").asText(), Logins.oidc().jwks());

        assertThat(subjectClaims.path("aud").toString()).contains("tes-backend");
        assertThat(answer.path("issued_token_type").asText()).isEqualTo(ACCESS_TOKEN_TYPE);
        assertThat(claims.path("azp").asText()).isEqualTo("tes-backend");
        assertThat(claims.path("sub").asText()).isEqualTo(subjectClaims.path("sub").asText());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("exchange-user@local.test");
        assertThat(claims.has("permissions")).as("the tes scope's claims").isTrue();
    }

    @Test
    @DisplayName("Given a client without token exchange enabled then its exchange request is refused")
    void exchangeNeedsTheClientSwitch() throws Exception {
        HttpResponse<String> refused = exchange(APP, APP_SECRET, userToken());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_request", "not enabled").doesNotContain("access_token\"");
    }

    @Test
    @DisplayName("Given a token whose audience lacks tes-backend then tes-backend's exchange is refused")
    void exchangeNeedsTheAudience() throws Exception {
        String other = "exchange-no-audience";
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/clients", Map.of("clientId", other, "publicClient", false,
                "secret", other, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "authenticationFlowBindingOverrides", Map.of("direct_grant", LocalClients.flowId("direct grant")),
                "defaultClientScopes", java.util.List.of("basic", "profile", "roles"))).statusCode()).isEqualTo(201);
        String subject = LocalClients.json(LocalClients.password(other, other, "exchange-user@local.test", PASSWORD), 200)
                .path("access_token").asText();

        HttpResponse<String> refused = exchange("tes-backend", TesKeycloak.env().backendSecret, subject);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("access_denied", "audience").doesNotContain("access_token\"");
    }
}
