package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.tools.permissions.ImportPermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The permissions.js import against the real Keycloak: role attributes written, then read by the mapper. */
@ExtendWith(TesKeycloak.class)
@DisplayName("The permissions.js import")
class ImportPermissionsIT {

    private static final String CLIENT = "import-test";
    private static final String SECRET = CLIENT + "-secret";
    private static final String USER = "imported-perms@local.test";
    private static final String PASSWORD = "Local-pass-1!";

    @BeforeAll
    static void existingRoleAndClient() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        assertThat(admin.post("/realms/tes/roles", Map.of("name", "imp-editor", "attributes",
                Map.of("permissions", List.of("read:report:own"), "department", List.of("ops")))).statusCode())
                .isEqualTo(201);
        LocalClients.createConfidential(CLIENT, SECRET);
    }

    private static Path file(String json) throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "permissions", ".json");
        Files.writeString(file, json);
        return file;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Path file, String... extra) {
        KeycloakServer keycloak = TesKeycloak.env().keycloak;
        List<String> args = new ArrayList<>(List.of("--file", file.toString(), "--url", keycloak.baseUrl(),
                "--realm", "tes", "--user", keycloak.settings().adminUser()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportPermissions.run(args.toArray(String[]::new),
                Map.of("KEYCLOAK_ADMIN_PASSWORD", keycloak.settings().adminPassword()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> permissionsClaim() throws Exception {
        JsonNode tokens = LocalClients.json(LocalClients.password(CLIENT, SECRET, USER, PASSWORD), 200);
        JsonNode claims = Jwts.verify(tokens.path("access_token").asText(), Logins.oidc().jwks());
        List<String> values = new ArrayList<>();
        claims.path("permissions").forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    @DisplayName("Given a TES map then roles are updated and created, and a user's token carries their permissions")
    void importsIntoTokens() throws Exception {
        Run run = run(file("""
                {
                  "imp-editor": ["write:report:own", "read:report:org"],
                  "imp-auditor": ["read:audit:all"]
                }
                """), "--create-missing");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("update imp-editor").contains("create imp-auditor");

        KeycloakAdmin admin = TesKeycloak.env().admin;
        String user = admin.createUser("tes", USER, PASSWORD);
        admin.post("/realms/tes/users/" + user + "/role-mappings/realm",
                List.of(admin.get("/realms/tes/roles/imp-editor"), admin.get("/realms/tes/roles/imp-auditor")));

        assertThat(permissionsClaim()).containsExactly("read:audit:all", "read:report:org", "write:report:own");
        assertThat(admin.get("/realms/tes/roles/imp-editor").path("attributes").path("department").get(0).asText())
                .isEqualTo("ops");
    }

    @Test
    @DisplayName("Given a role the realm lacks and no --create-missing then nothing is written")
    void refusesMissingRoles() throws Exception {
        Run run = run(file("{\"imp-editor\": [\"delete:report:all\"], \"imp-missing\": [\"read:x:own\"]}"));

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).contains("has no role imp-missing").contains("Nothing was written");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/roles/imp-editor").path("attributes")
                .path("permissions").toString()).doesNotContain("delete:report:all");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/roles").toString()).doesNotContain("imp-missing");
    }

    @Test
    @DisplayName("Given a file with a malformed permission then the error names its line and nothing is written")
    void refusesMalformedLine() throws Exception {
        Run run = run(file("{\n  \"imp-editor\": [\n    \"delete:report:all\",\n    \"delete report\"\n  ]\n}\n"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(":4: role 'imp-editor': 'delete report' is not action:entity:scope");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/roles/imp-editor").toString())
                .doesNotContain("delete:report:all");
    }
}
