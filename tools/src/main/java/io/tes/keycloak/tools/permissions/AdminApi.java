package io.tes.keycloak.tools.permissions;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few calls of Keycloak's admin REST API the import makes, with the JDK's HTTP client: log in (an admin user's
 * password grant on {@code admin-cli}, or a service-account client's credentials), read, create and update roles.
 */
final class AdminApi {

    static final String ATTRIBUTE = "permissions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Options options;
    private String token;
    private String rolesPath;

    AdminApi(Options options) {
        this.options = options;
    }

    /** Logs in and finds where the roles live (the realm's, or one client's). */
    void connect() throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        if (options.clientId() != null) {
            form.put("grant_type", "client_credentials");
            form.put("client_id", options.clientId());
            form.put("client_secret", options.clientSecret());
        } else {
            form.put("grant_type", "password");
            form.put("client_id", "admin-cli");
            form.put("username", options.user());
            form.put("password", options.password());
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(options.url() + "/realms/"
                + encode(options.authRealm()) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        if (response.statusCode() != 200) {
            throw new AdminApiException("admin login at realm " + options.authRealm() + " refused: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        token = JSON.readTree(response.body()).path("access_token").asText();
        String realmPath = "/admin/realms/" + encode(options.realm());
        if (options.clientRoles() == null) {
            rolesPath = realmPath + "/roles";
        } else {
            JsonNode clients = get(realmPath + "/clients?clientId=" + encode(options.clientRoles()))
                    .orElseThrow(() -> new AdminApiException("realm " + options.realm() + " not found"));
            if (clients.size() != 1) {
                throw new AdminApiException("client " + options.clientRoles() + " not found in realm "
                        + options.realm());
            }
            rolesPath = realmPath + "/clients/" + clients.get(0).path("id").asText() + "/roles";
        }
    }

    /** The role's representation, or empty when it does not exist. */
    Optional<ObjectNode> role(String name) throws IOException, InterruptedException {
        return get(rolesPath + "/" + encode(name)).map(ObjectNode.class::cast);
    }

    /** The permissions the role holds now. */
    static List<String> permissions(ObjectNode role) {
        JsonNode values = role.path("attributes").path(ATTRIBUTE);
        return values.isArray() ? streamText(values) : List.of();
    }

    void create(String name, List<String> permissions) throws IOException, InterruptedException {
        ObjectNode role = JSON.createObjectNode().put("name", name);
        role.putObject("attributes").set(ATTRIBUTE, JSON.valueToTree(permissions));
        expect(send(json("POST", rolesPath, role)), 201, "create role " + name);
    }

    /** Sets the role's permissions attribute, keeping its other attributes. */
    void update(ObjectNode role, List<String> permissions) throws IOException, InterruptedException {
        ObjectNode attributes = role.has("attributes") && role.get("attributes").isObject()
                ? (ObjectNode) role.get("attributes") : role.putObject("attributes");
        attributes.set(ATTRIBUTE, JSON.valueToTree(permissions));
        String name = role.path("name").asText();
        expect(send(json("PUT", rolesPath + "/" + encode(name), role)), 204, "update role " + name);
    }

    private Optional<JsonNode> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(authorized(path).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "GET " + path);
        return Optional.of(JSON.readTree(response.body()));
    }

    private HttpRequest.Builder json(String method, String path, JsonNode body) throws IOException {
        return authorized(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(options.url() + path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AdminApiException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static List<String> streamText(JsonNode values) {
        List<String> texts = new java.util.ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Percent-encoding for a path segment or a form value ({@code %20}, never {@code +}, for a space). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Keycloak answered something the import cannot go on with. */
    static final class AdminApiException extends RuntimeException {
        AdminApiException(String message) {
            super(message);
        }
    }
}
