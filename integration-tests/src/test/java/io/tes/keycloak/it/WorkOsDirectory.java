package io.tes.keycloak.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;

/** The emulator's users as WorkOS's own API shows them, and Keycloak's view of the same email. */
final class WorkOsDirectory {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WorkOsDirectory() {
    }

    /** How many WorkOS users hold this email (0 or 1). */
    static int workOsUsers(String email) throws Exception {
        return api("GET", "/user_management/users?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), null)
                .path("data").size();
    }

    /** Creates a WorkOS user straight at the emulator (no Keycloak user); returns its id. */
    static String createWorkOsUser(String email, String password) throws Exception {
        return api("POST", "/user_management/users", Map.of("email", email, "password", password,
                "first_name", "Reset", "last_name", "Tester", "email_verified", true)).path("id").asText();
    }

    /** Keycloak's users with this email in the tes realm. */
    static JsonNode keycloakUsers(String email) throws Exception {
        return TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    /** The WorkOS user id the Keycloak user is linked to through the workos identity provider, or null. */
    static String linkedWorkOsId(String keycloakUserId) throws Exception {
        for (JsonNode link : TesKeycloak.env().admin.get("/realms/tes/users/" + keycloakUserId
                + "/federated-identity")) {
            if ("workos".equals(link.path("identityProvider").asText())) {
                return link.path("userId").asText();
            }
        }
        return null;
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + System.nanoTime() + "@signup.test";
    }

    private static JsonNode api(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TesKeycloak.env().workos.baseUrl() + path))
                .header("Authorization", "Bearer " + TesKeycloak.env().workos.apiKey());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(KeycloakAdmin.MAPPER.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }
}
