package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Forms;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The "WorkOS user ID" mapper in client scope {@code tes}: {@code workos_user_id} next to Keycloak's {@code sub}. */
@ExtendWith(TesKeycloak.class)
@DisplayName("The workos_user_id claim")
class WorkOsUserIdClaimIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static JsonNode bobsTokens;

    @BeforeAll
    static void bobSignsIn() throws Exception {
        bobsTokens = Logins.passwordForm("tes-web", "bob@multi.test", "Demo-pass-1!").tokens();
    }

    private static String realmUrl() {
        return TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM);
    }

    @Test
    @DisplayName("Given bob on tes-web then his access and ID tokens carry his WorkOS user ID, sub stays Keycloak's")
    void tokens() throws Exception {
        JsonNode access = Jwts.verify(bobsTokens.path("access_token").asText(), Logins.oidc().jwks());
        JsonNode id = Jwts.verify(bobsTokens.path("id_token").asText(), Logins.oidc().jwks());
        String keycloakId = WorkOsDirectory.keycloakUsers("bob@multi.test").get(0).path("id").asText();

        assertThat(access.path("workos_user_id").asText()).isEqualTo("user_bob");
        assertThat(id.path("workos_user_id").asText()).isEqualTo("user_bob");
        assertThat(access.path("sub").asText()).isEqualTo(keycloakId).isNotEqualTo("user_bob");
    }

    @Test
    @DisplayName("Given bob's access token then userinfo and introspection carry the claim too")
    void userinfoAndIntrospection() throws Exception {
        String accessToken = bobsTokens.path("access_token").asText();
        JsonNode userinfo = KeycloakAdmin.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create(realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        JsonNode introspection = KeycloakAdmin.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create(realmUrl() + "/protocol/openid-connect/token/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(Map.of("token", accessToken,
                        "client_id", "tes-backend", "client_secret", TesKeycloak.env().backendSecret)))).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(userinfo.path("workos_user_id").asText()).as(userinfo.toString()).isEqualTo("user_bob");
        assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();
        assertThat(introspection.path("workos_user_id").asText()).isEqualTo("user_bob");
    }

    @Test
    @DisplayName("Given tes-backend's service account (no WorkOS link) then there is no claim")
    void noLinkNoClaim() throws Exception {
        HttpResponse<String> response = Logins.oidc().token(Map.of("grant_type", "client_credentials",
                "client_id", "tes-backend", "client_secret", TesKeycloak.env().backendSecret));
        JsonNode claims = Jwts.verify(KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText(),
                Logins.oidc().jwks());

        assertThat(claims.has("permissions")).as(claims.toString()).isTrue();
        assertThat(claims.has("workos_user_id")).as(claims.toString()).isFalse();
    }

    @Test
    @DisplayName("Given a mapper with a blank identity provider alias then the admin REST API refuses it")
    void refusesBlankAlias() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/client-scopes", Map.of("name", "workos-id-test",
                "protocol", "openid-connect")).statusCode()).isEqualTo(201);
        String scopeId = admin.clientScopeId(TesKeycloak.REALM, "workos-id-test");

        HttpResponse<String> refused = admin.post("/realms/tes/client-scopes/" + scopeId + "/protocol-mappers/models",
                Map.of("name", "broken", "protocol", "openid-connect", "protocolMapper", "tes-workos-user-id-mapper",
                        "config", Map.of("workos.identity.provider", " ")));
        HttpResponse<String> accepted = admin.post("/realms/tes/client-scopes/" + scopeId
                + "/protocol-mappers/models", Map.of("name", "fine", "protocol", "openid-connect",
                "protocolMapper", "tes-workos-user-id-mapper", "config", Map.of("workos.identity.provider", "workos")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("workos.identity.provider");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }
}
