package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.PostgresServer;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Docker image's steps without Docker: a second Keycloak distribution built with the image's build options
 * ({@code docker/keycloak.conf}), the pack in {@code providers/}, started with {@code start --optimized} on a real
 * PostgreSQL server, with the tes realm imported. Not on the shared dev-mode Keycloak: its own failsafe execution.
 */
@Tag("production")
@DisplayName("Keycloak built as the image is, on PostgreSQL")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresIT {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String BACKEND_SECRET = "it-postgres-backend-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WorkOsEmulator workos;
    private static PostgresServer postgres;
    private static KeycloakServer keycloak;
    private static ServerSettings settings;

    @BeforeAll
    static void start() throws Exception {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        postgres = PostgresServer.start(TestEnvironment.path("tes.postgres.dir"));
        settings = postgresSettings()
                .logFile(TestEnvironment.path("tes.keycloak.log").resolveSibling("keycloak-postgres.log")).build();
        keycloak = KeycloakServer.start(settings);
    }

    /**
     * The second distribution, built with the image's build options, on the PostgreSQL server; the file vault (the
     * image's build option, its folder data/vault as in the image) holds the WorkOS API key.
     */
    private static ServerSettings.Builder postgresSettings() {
        return ServerSettings.builder(TestEnvironment.path("tes.keycloak.postgres.home"))
                .optimized(TestEnvironment.path("tes.docker.dir").resolve("keycloak.conf"))
                .database(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)
                .providerJar(TestEnvironment.path("tes.providers.jar"))
                .realmFile(TestEnvironment.path("tes.realm.file"))
                .workOs(workos)
                .demoApp()
                .env("TES_BACKEND_CLIENT_SECRET", BACKEND_SECRET)
                .argument("--spi-tes-workos-events--default--poll-seconds=" + TestEnvironment.EVENTS_POLL_SECONDS);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {keycloak, postgres, workos}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("Stopping " + resource + " failed: " + e.getMessage());
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("stores the imported tes realm in PostgreSQL's tables")
    void realmIsInPostgres() throws Exception {
        assertThat(rows("SELECT name FROM realm")).contains("master", "tes");
        assertThat(rows("SELECT client_id FROM client c JOIN realm r ON c.realm_id = r.id WHERE r.name = 'tes'"))
                .contains("tes-web", "globex-web", "tes-portal", "tes-backend");
    }

    @Test
    @Order(1)
    @DisplayName("keeps the WorkOS API key out of the database: the provider holds the vault reference")
    void apiKeyNotInPostgres() throws Exception {
        assertThat(rows("SELECT c.value FROM identity_provider_config c JOIN identity_provider i"
                + " ON c.identity_provider_id = i.internal_id JOIN realm r ON i.realm_id = r.id"
                + " WHERE r.name = 'tes' AND i.provider_alias = 'workos' AND c.name = 'clientSecret'"))
                .containsExactly("${vault.workos_api_key}");
        assertThat(rows("SELECT value FROM identity_provider_config"))
                .noneMatch(value -> value != null && value.contains(workos.apiKey()));
    }

    @Test
    @Order(2)
    @DisplayName("answers health (with the database check) and metrics on the management port")
    void healthAndMetrics() throws Exception {
        HttpResponse<String> ready = management("/health/ready");
        HttpResponse<String> live = management("/health/live");
        HttpResponse<String> metrics = management("/metrics");

        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = KeycloakAdmin.MAPPER.readTree(ready.body());
        assertThat(checks.path("status").asText()).isEqualTo("UP");
        assertThat(checks.path("checks").findValuesAsText("name")).as(ready.body())
                .anyMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("database"));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("agroal_");
    }

    @Test
    @Order(3)
    @DisplayName("loads the pack's providers and themes")
    void providersAreLoaded() throws Exception {
        JsonNode info = new KeycloakAdmin(keycloak).get("/serverinfo");

        assertThat(info.path("themes").path("login").findValuesAsText("name")).contains("tes");
        assertThat(info.path("providers").path("authenticator").path("providers").has("tes-workos-password-form"))
                .isTrue();
        assertThat(info.path("identityProviders").findValuesAsText("id")).contains("workos");
    }

    @Test
    @Order(4)
    @DisplayName("signs bob in through the WorkOS password form with org_id and permissions in the token")
    void workOsSignIn() throws Exception {
        JsonNode claims = Logins.passwordForm(oidc(), "globex-web", "bob@multi.test", PASSWORD).accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(claims.path("org_name").asText()).isEqualTo("Globex Logistics");
        assertThat(claims.path("permissions").toString()).isEqualTo("[\"read:event:own\",\"read:takeback:own\"]");
        assertThat(rows("SELECT u.email FROM user_entity u JOIN realm r ON u.realm_id = r.id WHERE r.name = 'tes'"
                + " AND u.email IS NOT NULL")).containsExactly("bob@multi.test");
    }

    @Test
    @Order(5)
    @DisplayName("reads WorkOS events on from its cursor in PostgreSQL after a restart: an event made while it was"
            + " down is handled, one handled before is not handled again")
    void eventsResumeFromTheCursorAfterRestart() throws Exception {
        Logins.passwordForm(oidc(), "tes-web", "alice@acme.test", PASSWORD).tokens();
        workos.changeNames("user_alice", "Before", "Restart");
        String handled = workos.latestEventId("user.updated");
        Eventually.within(Duration.ofSeconds(30), "alice synced", () -> "Before".equals(user("alice@acme.test")
                .path("firstName").asText()));
        Eventually.within(Duration.ofSeconds(30), "the cursor at the handled event", () -> List.of(handled)
                .equals(rows("SELECT last_event_id FROM tes_workos_event_cursor")));
        ObjectNode alice = (ObjectNode) user("alice@acme.test");
        alice.put("firstName", "Local");
        assertThat(new KeycloakAdmin(keycloak).put("/realms/tes/users/" + alice.path("id").asText(), alice)
                .statusCode()).isEqualTo(204);

        keycloak.close();
        workos.changeNames("user_bob", "While", "Down");
        String whileDown = workos.latestEventId("user.updated");
        restart();

        Eventually.within(Duration.ofSeconds(60), "bob synced after the restart", () -> "While".equals(
                user("bob@multi.test").path("firstName").asText()));
        assertThat(user("alice@acme.test").path("firstName").asText()).isEqualTo("Local");
        assertThat(rows("SELECT last_event_id FROM tes_workos_event_cursor")).containsExactly(whileDown);
    }

    private static JsonNode user(String email) throws Exception {
        return new KeycloakAdmin(keycloak).get("/realms/tes/users?exact=true&email=" + email).get(0);
    }

    private static void restart() {
        keycloak = KeycloakServer.start(postgresSettings().httpPort(settings.httpPort())
                .managementPort(settings.managementPort())
                .logFile(settings.logFile().resolveSibling("keycloak-postgres-restart.log")).build());
    }

    @Test
    @Order(6)
    @DisplayName("keeps the realm and the signed-in user across a restart (the one above), and signs him in again")
    void survivesRestart() throws Exception {
        String userId = rows("SELECT u.id FROM user_entity u JOIN realm r ON u.realm_id = r.id WHERE r.name = 'tes'"
                + " AND u.email = 'bob@multi.test'").get(0);
        JsonNode users = new KeycloakAdmin(keycloak).get("/realms/tes/users?exact=true&email=bob@multi.test");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("id").asText()).isEqualTo(userId);
        assertThat(Files.readString(keycloak.settings().logFile())).containsPattern("(?i)realm.{0,4}tes.{0,60}already exists");
        JsonNode claims = Logins.passwordForm(oidc(), "tes-web", "bob@multi.test", PASSWORD).accessClaims();
        assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(claims.path("sub").asText()).isEqualTo(userId);
    }

    @Test
    @Order(7)
    @DisplayName("writes no secret into Keycloak's logs")
    void logsHoldNoSecret() throws Exception {
        for (Path log : List.of(settings.logFile(), keycloak.settings().logFile())) {
            assertThat(Files.readString(log)).as(log.toString())
                    .doesNotContain(workos.apiKey(), PASSWORD, PostgresServer.PASSWORD, BACKEND_SECRET)
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
        }
    }

    private static Oidc oidc() {
        return new Oidc(keycloak.realmUrl(TesKeycloak.REALM));
    }

    private static List<String> rows(String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keycloak.settings().managementPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
