package io.tes.keycloak.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tes.keycloak.runner.KeycloakServer;

/** Keycloak's admin REST API, as the bootstrap admin, over plain HTTP. */
public final class KeycloakAdmin {

    /** Jackson for the tests: admin API bodies, token responses, realm files. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newHttpClient();

    public KeycloakAdmin(KeycloakServer keycloak) {
        this(keycloak.baseUrl(), keycloak.settings().adminUser(), keycloak.settings().adminPassword());
    }

    /** The admin API of a Keycloak started otherwise (its base URL, the master realm's admin). */
    public KeycloakAdmin(String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    private String token;
    private long tokenExpiresAt;

    /** The admin's access token, reused until shortly before it expires (admin logins are slow by design). */
    private synchronized String token() throws Exception {
        if (token != null && System.currentTimeMillis() < tokenExpiresAt) {
            return token;
        }
        HttpResponse<String> response = new Oidc(baseUrl + "/realms/master").token(Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", adminUser, "password", adminPassword));
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
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return MAPPER.readTree(response.body());
    }

    /** {@code POST /admin/...} with a JSON body; returns the response for its status and Location. */
    public HttpResponse<String> post(String path, Object body) throws Exception {
        return sendJson("POST", path, body);
    }

    public HttpResponse<String> put(String path, Object body) throws Exception {
        return sendJson("PUT", path, body);
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /**
     * Creates an enabled, verified Keycloak-local user with a password; returns its id. A user name holding an
     * {@code @} is also the email (realm {@code tes} uses the email as user name), else the email is
     * {@code <username>@local.test}.
     */
    public String createUser(String realm, String username, String password) throws Exception {
        String email = username.contains("@") ? username : username + "@local.test";
        HttpResponse<String> created = post("/realms/" + realm + "/users", Map.of("username", username,
                "email", email, "emailVerified", true, "enabled", true, "firstName", "Test", "lastName", "User",
                "credentials", new Object[] {Map.of("type", "password", "value", password, "temporary", false)}));
        return createdId(created, "user " + username);
    }

    /**
     * Creates a public client whose browser sign-in is Keycloak's built-in {@code browser} flow rather than the
     * realm's, so Keycloak-local users sign in on Keycloak's own form; it redirects to {@link Oidc#REDIRECT_URI}.
     * Returns its internal id.
     */
    public String createBuiltInFlowClient(String realm, String clientId, Map<String, String> attributes)
            throws Exception {
        HttpResponse<String> created = post("/realms/" + realm + "/clients", Map.of("clientId", clientId,
                "publicClient", true, "redirectUris", List.of(Oidc.REDIRECT_URI), "attributes", attributes,
                "authenticationFlowBindingOverrides", Map.of("browser", flowId(realm, "browser"))));
        return createdId(created, "client " + clientId);
    }

    /** The id of the realm's authentication flow with this alias (e.g. Keycloak's built-in {@code browser}). */
    public String flowId(String realm, String alias) throws Exception {
        return idOf("/realms/" + realm + "/authentication/flows", "alias", alias);
    }

    /** The id of the realm's client scope with this name. */
    public String clientScopeId(String realm, String name) throws Exception {
        return idOf("/realms/" + realm + "/client-scopes", "name", name);
    }

    /** The internal id of the client with this client id, as the admin API's client paths take it. */
    public String clientUuid(String realm, String clientId) throws Exception {
        JsonNode found = get("/realms/" + realm + "/clients?clientId=" + clientId);
        if (found.isEmpty()) {
            throw new IllegalStateException("No client " + clientId + " in realm " + realm);
        }
        return found.get(0).path("id").asText();
    }

    /** The id of what a {@code POST} created, from its {@code Location}; fails unless it answered 201. */
    private static String createdId(HttpResponse<String> created, String what) {
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating " + what + " answered " + created.statusCode() + ": "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The {@code id} of the element of the list at this path whose {@code field} has this value. */
    private String idOf(String listPath, String field, String value) throws Exception {
        for (JsonNode element : get(listPath)) {
            if (value.equals(element.path(field).asText())) {
                return element.path("id").asText();
            }
        }
        throw new IllegalStateException("Nothing with " + field + " " + value + " at " + listPath);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/admin" + path));
    }

    private HttpResponse<String> sendJson(String method, String path, Object body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
