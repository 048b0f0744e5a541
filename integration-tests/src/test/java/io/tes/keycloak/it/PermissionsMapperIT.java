package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Forms;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The permissions claim (action:entity:scope)")
class PermissionsMapperIT {

    /** A confidential client with the mapper that keeps Keycloak's own direct grant, for Keycloak-local users. */
    private static final String CLIENT = "permissions-test";
    private static final String PASSWORD = "Local-pass-1!";
    private static final String ORGANIZER_USER = "perm-organizer@local.test";
    private static final String GROUPED_USER = "perm-grouped@local.test";
    private static final String EDITOR_USER = "perm-editor@local.test";
    private static final List<String> ORGANIZER = List.of("read:event:org", "read:event:own", "read:takeback:org",
            "read:takeback:own", "write:event:org", "write:takeback:org");

    @BeforeAll
    static void createClientAndUsers() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/clients", Map.of("clientId", CLIENT, "publicClient", false,
                "secret", CLIENT + "-secret", "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "authenticationFlowBindingOverrides", Map.of("direct_grant", LocalClients.flowId("direct grant")),
                "protocolMappers", List.of(mapper("permissions", "false"), mapper("widest", "true"),
                        // Keycloak introspects only for clients in the token's audience.
                        Map.of("name", "audience", "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                                        "included.client.audience", CLIENT, "access.token.claim", "true",
                                        "introspection.token.claim", "true")))))
                .statusCode()).isEqualTo(201);
        grant(admin.createUser("tes", ORGANIZER_USER, PASSWORD), "organizer");
        String grouped = admin.createUser("tes", GROUPED_USER, PASSWORD);
        admin.post("/realms/tes/groups", Map.of("name", "perm-admins"));
        String groupId = admin.get("/realms/tes/groups?search=perm-admins").get(0).path("id").asText();
        admin.post("/realms/tes/groups/" + groupId + "/role-mappings/realm", List.of(admin.get("/realms/tes/roles/admin")));
        admin.put("/realms/tes/users/" + grouped + "/groups/" + groupId, Map.of());
    }

    private static Map<String, Object> mapper(String claim, String widest) {
        return mapper(claim, widest, Map.of());
    }

    private static Map<String, Object> mapper(String claim, String widest, Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("claim.name", claim,
                "permissions.widest.only", widest, "access.token.claim", "true", "userinfo.token.claim", "true",
                "introspection.token.claim", "true"));
        config.putAll(extra);
        return Map.of("name", claim, "protocol", "openid-connect", "protocolMapper", "tes-permissions-mapper",
                "config", config);
    }

    private static void grant(String userId, String role) throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        admin.post("/realms/tes/users/" + userId + "/role-mappings/realm", List.of(admin.get("/realms/tes/roles/" + role)));
    }

    private static JsonNode token(String username) throws Exception {
        HttpResponse<String> response = Logins.oidc().token(Map.of("grant_type", "password", "client_id", CLIENT,
                "client_secret", CLIENT + "-secret", "username", username, "password", PASSWORD, "scope", "openid"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }

    private static List<String> claim(JsonNode claims, String name) {
        List<String> values = new java.util.ArrayList<>();
        claims.path(name).forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    @DisplayName("Given tes-backend's client credentials then exactly the integration role's permissions")
    void serviceAccount() throws Exception {
        HttpResponse<String> response = Logins.oidc().token(Map.of("grant_type", "client_credentials",
                "client_id", "tes-backend", "client_secret", TesKeycloak.env().backendSecret));
        JsonNode claims = Jwts.verify(KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText(),
                Logins.oidc().jwks());

        assertThat(claim(claims, "permissions")).containsExactly("read:event:all", "read:takeback:all");
    }

    @Test
    @DisplayName("Given organizer then the six organizer and viewer permissions, sorted; widest mode collapses them")
    void compositesAndWidest() throws Exception {
        JsonNode claims = Jwts.verify(token(ORGANIZER_USER).path("access_token").asText(), Logins.oidc().jwks());

        assertThat(claim(claims, "permissions")).containsExactlyElementsOf(ORGANIZER);
        assertThat(claim(claims, "widest")).containsExactly("read:event:org", "read:takeback:org", "write:event:org",
                "write:takeback:org");
    }

    @Test
    @DisplayName("Given admin through a group then its permissions and its composites' are granted")
    void groupRoles() throws Exception {
        JsonNode claims = Jwts.verify(token(GROUPED_USER).path("access_token").asText(), Logins.oidc().jwks());

        assertThat(claim(claims, "permissions")).contains("manage:user:org", "read:event:all", "write:event:org",
                "read:event:own");
        assertThat(claim(claims, "widest")).contains("read:event:all").doesNotContain("read:event:org");
    }

    @Test
    @DisplayName("Given the userinfo endpoint and introspection then both carry the claim")
    void userinfoAndIntrospection() throws Exception {
        String accessToken = token(ORGANIZER_USER).path("access_token").asText();
        String realm = TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        JsonNode userinfo = KeycloakAdmin.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(realm + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        JsonNode introspection = KeycloakAdmin.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(realm + "/protocol/openid-connect/token/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Forms.encode(Map.of("token", accessToken,
                        "client_id", CLIENT, "client_secret", CLIENT + "-secret")))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());

        assertThat(claim(userinfo, "permissions")).as(userinfo.toString()).containsExactlyElementsOf(ORGANIZER);
        assertThat(claim(introspection, "permissions")).as(introspection.toString())
                .containsExactlyElementsOf(ORGANIZER);
    }

    @Test
    @DisplayName("Given a malformed role map then the admin REST API refuses the mapper naming the entry")
    void refusesMalformedConfig() throws Exception {
        String clientId = TesKeycloak.env().admin.clientUuid(TesKeycloak.REALM, CLIENT);
        HttpResponse<String> refused = TesKeycloak.env().admin.post("/realms/tes/clients/" + clientId
                + "/protocol-mappers/models", Map.of("name", "broken", "protocol", "openid-connect",
                "protocolMapper", "tes-permissions-mapper",
                "config", Map.of("permissions.role.map", "viewer: read:report")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("read:report");
    }

    @Test
    @DisplayName("Given the scope filter on then only entities of the requested OAuth scopes are kept")
    void filterByRequestedScopes() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/client-scopes", Map.of("name", "event", "protocol", "openid-connect"))
                .statusCode()).isEqualTo(201);
        String scopeId = admin.clientScopeId(TesKeycloak.REALM, "event");
        String clientId = admin.clientUuid(TesKeycloak.REALM, CLIENT);
        admin.put("/realms/tes/clients/" + clientId + "/optional-client-scopes/" + scopeId, Map.of());
        admin.post("/realms/tes/clients/" + clientId + "/protocol-mappers/models", mapper("filtered", "false",
                Map.of("permissions.filter.by.scope", "true")));

        HttpResponse<String> withEvent = Logins.oidc().token(Map.of("grant_type", "password", "client_id", CLIENT,
                "client_secret", CLIENT + "-secret", "username", ORGANIZER_USER, "password", PASSWORD,
                "scope", "openid event"));
        JsonNode claims = Jwts.verify(KeycloakAdmin.MAPPER.readTree(withEvent.body()).path("access_token").asText(),
                Logins.oidc().jwks());
        JsonNode without = Jwts.verify(token(ORGANIZER_USER).path("access_token").asText(), Logins.oidc().jwks());

        assertThat(claim(claims, "filtered")).containsExactly("read:event:org", "read:event:own", "write:event:org");
        assertThat(claim(without, "filtered")).isEmpty();
    }

    @Test
    @DisplayName("Given a role's permissions edited then the next token carries the change")
    void roleEditsApply() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        admin.post("/realms/tes/roles", Map.of("name", "perm-editable",
                "attributes", Map.of("permissions", List.of("read:report:own"))));
        String user = admin.createUser("tes", EDITOR_USER, PASSWORD);
        grant(user, "perm-editable");
        JsonNode before = Jwts.verify(token(EDITOR_USER).path("access_token").asText(), Logins.oidc().jwks());

        ObjectNode role = (ObjectNode) admin.get("/realms/tes/roles/perm-editable");
        role.set("attributes", KeycloakAdmin.MAPPER.valueToTree(Map.of("permissions",
                List.of("read:report:all", "not a permission"))));
        admin.put("/realms/tes/roles/perm-editable", role);
        JsonNode after = Jwts.verify(token(EDITOR_USER).path("access_token").asText(), Logins.oidc().jwks());

        assertThat(claim(before, "permissions")).containsExactly("read:report:own");
        assertThat(claim(after, "permissions")).containsExactly("read:report:all");
    }
}
