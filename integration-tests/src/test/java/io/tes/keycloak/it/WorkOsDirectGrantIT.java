package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The WorkOS direct grant (resource owner password) on tes-backend")
class WorkOsDirectGrantIT {

    private static HttpResponse<String> passwordGrant(String email, String password, String organization)
            throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", "tes-backend",
                "client_secret", TesKeycloak.env().backendSecret, "username", email, "password", password,
                "scope", "openid"));
        if (organization != null) {
            form.put("organization", organization);
        }
        return Logins.oidc().token(form);
    }

    @Test
    @DisplayName("Given alice's WorkOS password then tokens come back for her Keycloak user")
    void signsIn() throws Exception {
        HttpResponse<String> response = passwordGrant("alice@acme.test", "Demo-pass-1!", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = io.tes.keycloak.emulator.Jwts.verify(
                KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText(), Logins.oidc().jwks());
        assertThat(claims.path("email").asText()).isEqualTo("alice@acme.test");
    }

    @Test
    @DisplayName("Given bob with an organization hint then that organization is chosen, without a hint refused")
    void organizationHint() throws Exception {
        HttpResponse<String> hinted = passwordGrant("bob@multi.test", "Demo-pass-1!", "org_globex");
        JsonNode login = Logins.latestEvent("LOGIN", "bob@multi.test");
        HttpResponse<String> undecided = passwordGrant("bob@multi.test", "Demo-pass-1!", null);

        assertThat(hinted.statusCode()).as(hinted.body()).isEqualTo(200);
        assertThat(login.path("details").path("organization_id").asText()).isEqualTo("org_globex");
        assertThat(login.path("details").path("organization_reason").asText()).isEqualTo("hint");
        assertThat(undecided.statusCode()).isEqualTo(400);
        assertThat(undecided.body()).contains("workos_organization_selection_unavailable");
    }

    @Test
    @DisplayName("Given a wrong password then 401 invalid_grant as an OAuth2 JSON error")
    void wrongPassword() throws Exception {
        HttpResponse<String> response = passwordGrant("alice@acme.test", "Wrong-pass-1!", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(KeycloakAdmin.MAPPER.readTree(response.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("Given WorkOS rate-limiting, dropping the connection or answering garbage then 503 temporarily_unavailable")
    void workOsTrouble() throws Exception {
        for (Fault fault : new Fault[] {Fault.rateLimited(30), Fault.dropped(), Fault.malformed()}) {
            TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, fault);

            HttpResponse<String> response = passwordGrant("alice@acme.test", "Demo-pass-1!", null);

            assertThat(response.statusCode()).as(fault.toString()).isEqualTo(503);
            assertThat(KeycloakAdmin.MAPPER.readTree(response.body()).path("error").asText())
                    .isEqualTo("temporarily_unavailable");
        }
    }

    @Test
    @DisplayName("Given the WorkOS identity provider disabled then 503 and the event names workos_not_configured")
    void disabledProvider() throws Exception {
        String path = "/realms/tes/identity-provider/instances/workos";
        com.fasterxml.jackson.databind.node.ObjectNode provider =
                (com.fasterxml.jackson.databind.node.ObjectNode) TesKeycloak.env().admin.get(path);
        provider.put("enabled", false);
        TesKeycloak.env().admin.put(path, provider);
        try {
            HttpResponse<String> response = passwordGrant("alice@acme.test", "Demo-pass-1!", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Logins.latestEvent("LOGIN_ERROR", "alice@acme.test").path("details").path("workos_error")
                    .asText()).isEqualTo("workos_not_configured");
        } finally {
            provider.put("enabled", true);
            TesKeycloak.env().admin.put(path, provider);
        }
    }
}
