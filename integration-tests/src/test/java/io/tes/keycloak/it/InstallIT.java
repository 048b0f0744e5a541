package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.FileTrees;
import io.tes.keycloak.runner.KeycloakProcess;
import io.tes.keycloak.runner.Ports;
import io.tes.keycloak.runner.TesRealm;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
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
 * The README's "Install into your own Keycloak" block, read from the README and run by bash as written, on a freshly
 * unpacked distribution of {@code keycloak.test.version} ({@code target/install/}, deleted afterwards so the next run
 * unpacks it again). The block runs in a folder laid out as this checkout is ({@code bundle/target/} with the jar,
 * {@code realm-export/}); what a deployer gives it comes from the environment: {@code KEYCLOAK_HOME}, the realm's
 * placeholders, the WorkOS API key, and Keycloak's runtime settings (plain HTTP on loopback, free ports). Its own
 * failsafe execution (tag {@code production}), after the shared Keycloak has stopped: one Keycloak at a time.
 */
@Tag("production")
@DisplayName("The README's install steps on a clean Keycloak distribution")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {

    private static final String SECTION = "## Install into your own Keycloak";
    private static final Duration BUILD_AND_START = Duration.ofMinutes(8);
    private static final String PASSWORD = "Demo-pass-1!";
    private static final String BACKEND_SECRET = "it-install-backend-secret";
    private static final String ADMIN_PASSWORD = "it-install-admin";

    private static WorkOsEmulator workos;
    private static KeycloakProcess keycloak;
    private static String baseUrl;

    @BeforeAll
    static void install() throws Exception {
        Path home = TestEnvironment.path("tes.install.home");
        assertFresh(home);
        Path checkout = TestEnvironment.path("tes.install.dir").resolve("checkout");
        Files.createDirectories(checkout.resolve("bundle/target"));
        Files.createDirectories(checkout.resolve("realm-export"));
        Files.copy(TestEnvironment.path("tes.providers.jar"), checkout.resolve("bundle/target/tes-keycloak-pack-"
                + System.getProperty("tes.pack.version") + ".jar"));
        Files.copy(TestEnvironment.path("tes.realm.file"), checkout.resolve("realm-export/tes-realm.json"));
        Path script = checkout.resolve("install.sh");
        // set -eu: a failing step (or a variable the block needs and the environment lacks) stops the script.
        Files.writeString(script, "set -eu\n" + readmeBlock(TestEnvironment.path("tes.readme")));

        workos = WorkOsEmulator.start(Seed.demo(), 0);
        int httpPort = Ports.free();
        int managementPort = Ports.free();
        baseUrl = "http://127.0.0.1:" + httpPort;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KEYCLOAK_HOME", home.toAbsolutePath().toString());
        env.put("WORKOS_API_KEY", workos.apiKey());
        env.put("WORKOS_API_BASE_URL", workos.baseUrl());
        env.put("WORKOS_CLIENT_ID", workos.clientId());
        env.put("TES_BACKEND_CLIENT_SECRET", BACKEND_SECRET);
        env.put(TesRealm.REDIRECT_URI, TesRealm.DEMO_REDIRECT_URI);
        env.put(TesRealm.POST_LOGOUT_REDIRECT_URI, TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI);
        // The build reads the database kind from here; Keycloak deprecates leaving it to the default.
        env.put("KC_DB", "dev-file");
        env.put("KC_HOSTNAME", baseUrl);
        env.put("KC_HTTP_ENABLED", "true");
        env.put("KC_HTTP_HOST", "127.0.0.1");
        env.put("KC_HTTP_PORT", String.valueOf(httpPort));
        env.put("KC_HTTP_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        keycloak = KeycloakProcess.start(List.of("bash", script.toString()), checkout, env,
                TestEnvironment.path("tes.keycloak.log").resolveSibling("keycloak-install.log"), null);
        keycloak.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), BUILD_AND_START);
    }

    /** A distribution as unpacked: no provider jar, no database, nothing imported. */
    private static void assertFresh(Path home) throws Exception {
        assertThat(home.resolve("bin/kc.sh")).as("the unpacked distribution").isRegularFile();
        try (var providers = Files.list(home.resolve("providers"))) {
            assertThat(providers.map(Path::getFileName).map(Path::toString))
                    .as("providers/ of a fresh distribution (delete %s to unpack it again)", home.getParent())
                    .noneMatch(name -> name.endsWith(".jar"));
        }
        assertThat(home.resolve("data")).as("data/ of a fresh distribution").doesNotExist();
    }

    /** The first bash block after the README's install heading. */
    static String readmeBlock(Path readme) throws Exception {
        String text = Files.readString(readme);
        int section = text.indexOf(SECTION);
        assertThat(section).as("README heading %s", SECTION).isNotNegative();
        int start = text.indexOf("```bash\n", section) + "```bash\n".length();
        int end = text.indexOf("\n```", start);
        assertThat(text.indexOf("\n## ", section + SECTION.length())).as("the block is in the install section")
                .isGreaterThan(end);
        return text.substring(start, end + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {keycloak, workos}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("Stopping " + resource + " failed: " + e.getMessage());
            }
        }
        // Its log is kept beside the others; the distribution goes, so the next run starts from a fresh unpack.
        FileTrees.delete(TestEnvironment.path("tes.install.dir"));
    }

    @Test
    @Order(1)
    @DisplayName("serves realm tes: its OIDC discovery document names the configured public URL")
    void servesRealm() throws Exception {
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realmUrl() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(KeycloakAdmin.MAPPER.readTree(discovery.body()).path("issuer").asText()).isEqualTo(realmUrl());
    }

    @Test
    @Order(2)
    @DisplayName("loads the pack: its providers and themes are in the server info of the distribution under test")
    void loadsThePack() throws Exception {
        JsonNode info = new KeycloakAdmin(baseUrl, "admin", ADMIN_PASSWORD).get("/serverinfo");

        assertThat(info.path("systemInfo").path("version").asText())
                .isEqualTo(System.getProperty("tes.keycloak.test.version"));
        assertThat(info.path("themes").path("login").findValuesAsText("name")).contains("tes");
        assertThat(info.path("providers").path("authenticator").path("providers").has("tes-workos-password-form"))
                .isTrue();
        assertThat(info.path("providers").path("protocol-mapper").path("providers").has("tes-permissions-mapper"))
                .isTrue();
        assertThat(info.path("identityProviders").findValuesAsText("id")).contains("workos");
    }

    @Test
    @Order(3)
    @DisplayName("signs bob in through the WorkOS password form, the API key read from the vault, with org_id and"
            + " permissions in the token")
    void workOsSignIn() throws Exception {
        JsonNode claims = Logins.passwordForm(new Oidc(realmUrl()), "globex-web", "bob@multi.test", PASSWORD)
                .accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(claims.path("permissions").toString()).isEqualTo("[\"read:event:own\",\"read:takeback:own\"]");
        assertThat(workos.calls().countGrant("password")).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("logs no error and no secret, from kc.sh build to the sign-in")
    void logsNoError() throws Exception {
        String log = Files.readString(keycloak.logFile());

        assertThat(log).contains("Realm 'tes' imported");
        assertThat(log.lines().filter(line -> line.contains(" ERROR "))).as(keycloak.logFile().toString()).isEmpty();
        assertThat(log).doesNotContain(workos.apiKey(), PASSWORD, BACKEND_SECRET, ADMIN_PASSWORD)
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
    }

    private static String realmUrl() {
        return baseUrl + "/realms/" + TesRealm.NAME;
    }
}
