package io.tes.keycloak.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tes.keycloak.runner.KeycloakServer;

/** Keycloak's admin REST API, as the bootstrap admin, over plain HTTP. */
public final class KeycloakAdmin {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newHttpClient();

    public KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    private String token;
    private long tokenExpiresAt;

    /** The admin's access token, reused until shortly before it expires (admin logins are slow by design). */
    private synchronized String token() throws Exception {
        if (token != null && System.currentTimeMillis() < tokenExpiresAt) {
            return token;
        }
        String form = Forms.encode(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", keycloak.settings().adminUser(), "password", keycloak.settings().adminPassword()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(keycloak.realmUrl("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin login failed: " + response.statusCode());
        }
        JsonNode body = MAPPER.readTree(response.body());
        token = body.path("access_token").asText();
        tokenExpiresAt = System.currentTimeMillis() + (body.path("expires_in").asLong(60) - 10) * 1000;
        return token;
    }

    /** {@code GET /admin/...}; fails unless 200. */
    public JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin" + path))
                .GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return MAPPER.readTree(response.body());
    }

    /** {@code POST /admin/...} with a JSON body; returns the response for its status and Location. */
    public HttpResponse<String> post(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))));
    }

    public HttpResponse<String> put(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin" + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))));
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin" + path)).DELETE());
    }

    /**
     * Creates an enabled, verified Keycloak-local user with a password; returns its id. A user name holding an
     * {@code @} is also the email (realm {@code tes} uses the email as user name), else the email is
     * {@code <username>@local.test}.
     */
    public String createUser(String realm, String username, String password) throws Exception {
        HttpResponse<String> created = post("/realms/" + realm + "/users", Map.of("username", username,
                "email", username.contains("@") ? username : username + "@local.test", "emailVerified", true, "enabled", true,
                "firstName", "Test", "lastName", "User",
                "credentials", new Object[] {Map.of("type", "password", "value", password, "temporary", false)}));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating user " + username + " answered " + created.statusCode()
                    + ": " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
