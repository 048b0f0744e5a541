package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WorkOS API key goes over https only: saving a WorkOS identity provider whose base URL is plain http to a host
 * that is not a loopback address is refused by the admin REST API, unless "Allow plain HTTP (development only)" is on.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("The WorkOS identity provider's API base URL, saved over the admin REST API")
class WorkOsBaseUrlIT {

    private static final String INSTANCES = "/realms/tes/identity-provider/instances";
    private static final String REMOTE_PLAIN_HTTP = "http://workos-emulator.example:8090";

    private static HttpResponse<String> create(String alias, String baseUrl, String allowPlainHttp) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("clientId", TesKeycloak.env().workos.clientId(),
                "clientSecret", "sk_test_base_url", "apiBaseUrl", baseUrl));
        if (allowPlainHttp != null) {
            config.put("allowPlainHttp", allowPlainHttp);
        }
        return TesKeycloak.env().admin.post(INSTANCES, Map.of("alias", alias, "providerId", "workos",
                "enabled", false, "config", config));
    }

    private static HttpResponse<String> updateBaseUrl(String alias, String baseUrl) throws Exception {
        JsonNode provider = TesKeycloak.env().admin.get(INSTANCES + "/" + alias);
        ((ObjectNode) provider.path("config")).put("apiBaseUrl", baseUrl);
        return TesKeycloak.env().admin.put(INSTANCES + "/" + alias, provider);
    }

    private static String errorMessage(HttpResponse<String> response) throws Exception {
        return KeycloakAdmin.MAPPER.readTree(response.body()).path("errorMessage").asText();
    }

    @Test
    @DisplayName("Given plain http to a remote host then creating the provider answers 400 naming the rule")
    void createRefused() throws Exception {
        HttpResponse<String> response = create("workos-plain-create", REMOTE_PLAIN_HTTP, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("https", "Allow plain HTTP (development only)");
        assertThat(TesKeycloak.env().admin.get(INSTANCES).findValuesAsText("alias"))
                .doesNotContain("workos-plain-create");
    }

    @Test
    @DisplayName("Given a provider on https then updating it to plain http to a remote host answers 400, unchanged")
    void updateRefused() throws Exception {
        assertThat(create("workos-plain-update", "https://api.workos.com", null).statusCode()).isEqualTo(201);

        HttpResponse<String> response = updateBaseUrl("workos-plain-update", REMOTE_PLAIN_HTTP);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("https");
        assertThat(TesKeycloak.env().admin.get(INSTANCES + "/workos-plain-update").path("config")
                .path("apiBaseUrl").asText()).isEqualTo("https://api.workos.com");
    }

    @Test
    @DisplayName("Given \"Allow plain HTTP\" on then plain http to a remote host is saved")
    void switchAllows() throws Exception {
        HttpResponse<String> created = create("workos-plain-allowed", REMOTE_PLAIN_HTTP, "true");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(updateBaseUrl("workos-plain-allowed", "http://10.0.0.7:8090").statusCode()).isEqualTo(204);
    }

    @Test
    @DisplayName("Given plain http to a loopback address (the emulator here) then the provider is saved")
    void loopbackAllowed() throws Exception {
        assertThat(TesKeycloak.env().workos.baseUrl()).startsWith("http://127.0.0.1:");

        HttpResponse<String> created = create("workos-loopback", TesKeycloak.env().workos.baseUrl(), null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(updateBaseUrl("workos-loopback", "http://localhost:8090").statusCode()).isEqualTo(204);
    }
}
