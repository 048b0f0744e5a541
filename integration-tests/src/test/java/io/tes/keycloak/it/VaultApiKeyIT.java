package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.runner.FileVault;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The WorkOS API key from Keycloak's vault")
class VaultApiKeyIT {

    /**
     * A WorkOS provider whose API key is the given reference, and a confidential client whose direct grant uses it,
     * both created the way an admin would, over the admin REST API.
     */
    private static String clientUsing(String name, String apiKeyReference) throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/identity-provider/instances", Map.of("alias", name, "providerId", "workos",
                "enabled", true, "config", Map.of("clientId", TesKeycloak.env().workos.clientId(),
                        "clientSecret", apiKeyReference, "apiBaseUrl", TesKeycloak.env().workos.baseUrl())))
                .statusCode()).isEqualTo(201);
        String flow = name + " direct grant";
        admin.post("/realms/tes/authentication/flows", Map.of("alias", flow, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false));
        String flowPath = "/realms/tes/authentication/flows/" + flow.replace(" ", "%20");
        admin.post(flowPath + "/executions/execution", Map.of("provider", "tes-workos-direct-grant"));
        JsonNode execution = admin.get(flowPath + "/executions").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) execution).put("requirement", "REQUIRED");
        admin.put(flowPath + "/executions", execution);
        admin.post("/realms/tes/authentication/executions/" + execution.path("id").asText() + "/config",
                Map.of("alias", name + " config", "config", Map.of("identityProvider", name)));
        assertThat(admin.post("/realms/tes/clients", Map.of("clientId", name, "publicClient", false,
                "secret", name + "-secret", "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "redirectUris", List.of(),
                "authenticationFlowBindingOverrides", Map.of("direct_grant", LocalClients.flowId(flow))))
                .statusCode()).isEqualTo(201);
        return name;
    }

    private static HttpResponse<String> signIn(String client) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "password", "client_id", client,
                "client_secret", client + "-secret", "username", "alice@acme.test", "password", "Demo-pass-1!"));
    }

    @Test
    @DisplayName("Given the API key as ${vault.workos_api_key} then sign-in uses the file tes_workos__api__key")
    void keyFromVault() throws Exception {
        HttpResponse<String> response = signIn(clientUsing("workos-vault",
                "${vault." + TestEnvironment.VAULT_API_KEY + "}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given the realm file then its workos provider reads the API key from the vault, not the database")
    void realmProviderUsesTheVault() throws Exception {
        JsonNode workos = TesKeycloak.env().admin.get("/realms/tes/identity-provider/instances/workos");

        assertThat(workos.path("config").path("clientSecret").asText()).isEqualTo("${vault.workos_api_key}");
        assertThat(Logins.passwordForm("tes-web", "alice@acme.test", "Demo-pass-1!").accessClaims()
                .path("org_id").asText()).isEqualTo("org_acme");
    }

    @Test
    @DisplayName("Given a vault file that ends in a newline, as editors and echo write it, then sign-in still works")
    void vaultFileWithNewline() throws Exception {
        FileVault.put(TesKeycloak.env().keycloak.settings().vaultDir(), TestEnvironment.REALM, "workos_key_newline",
                TesKeycloak.env().workos.apiKey() + "\n");

        HttpResponse<String> response = signIn(clientUsing("workos-newline", "${vault.workos_key_newline}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a vault reference with no entry then sign-in fails as not configured")
    void missingVaultEntry() throws Exception {
        HttpResponse<String> response = signIn(clientUsing("workos-novault", "${vault.nosuchkey}"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Logins.latestEvent("LOGIN_ERROR", "alice@acme.test").path("details").path("workos_error")
                .asText()).isEqualTo("workos_not_configured");
    }
}
