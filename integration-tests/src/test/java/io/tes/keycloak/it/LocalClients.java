package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;

/**
 * Test clients for Keycloak-local users: confidential, with Keycloak's own direct grant flow (the realm's flow asks
 * WorkOS), and the realm's scopes plus {@code tes} as the demo clients have them.
 */
final class LocalClients {

    static final List<String> DEMO_SCOPES = List.of("basic", "profile", "email", "roles", "web-origins", "acr", "tes");

    private LocalClients() {
    }

    static void createConfidential(String clientId, String secret) throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/clients", Map.of("clientId", clientId, "publicClient", false,
                "secret", secret, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "authenticationFlowBindingOverrides", Map.of("direct_grant", flowId("direct grant")),
                "defaultClientScopes", DEMO_SCOPES)).statusCode()).isEqualTo(201);
    }

    /** The id of the tes realm's flow with this alias. */
    static String flowId(String alias) throws Exception {
        return TesKeycloak.env().admin.flowId(TesKeycloak.REALM, alias);
    }

    static HttpResponse<String> password(String clientId, String secret, String username, String password)
            throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", secret,
                "username", username, "password", password, "scope", "openid"));
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }
}
