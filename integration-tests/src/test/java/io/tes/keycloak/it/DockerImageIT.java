package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.runner.FileVault;
import io.tes.keycloak.runner.TesRealm;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image itself, built from {@code docker/Dockerfile} with {@code KEYCLOAK_VERSION} from {@code keycloak.version},
 * run as {@code docker/compose.yaml} runs it: PostgreSQL, Keycloak, and the emulator image in WorkOS's place. Runs only
 * where a Docker engine answers; anywhere else JUnit reports it as skipped (aborted), never as passed. PostgresIT runs
 * the same build options without Docker.
 */
@Tag("production")
@EnabledIf(value = "dockerAvailable", disabledReason = DockerImageIT.NOT_RUN)
@DisplayName("The Docker image from docker/Dockerfile (needs a Docker engine)")
class DockerImageIT {

    static final String NOT_RUN = "NOT RUN: no Docker engine answers here, so the image built from "
            + "docker/Dockerfile was not tested (this test is skipped, not passed). PostgresIT ran its build options.";
    private static final String DB_PASSWORD = "keycloak-docker-it";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Network network;
    private static GenericContainer<?> postgres;
    private static GenericContainer<?> workos;
    private static KeycloakContainer keycloak;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("tes.docker.dir")).getParent();
        Seed seed = Seed.demo();
        network = Network.newNetwork();
        postgres = new GenericContainer<>("postgres:17").withNetwork(network).withNetworkAliases("postgres")
                .withEnv("POSTGRES_DB", "keycloak").withEnv("POSTGRES_USER", "keycloak")
                .withEnv("POSTGRES_PASSWORD", DB_PASSWORD).withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        workos = new GenericContainer<>(image(root, "workos-emulator")).withNetwork(network)
                .withNetworkAliases("workos-emulator").withCommand("--public-url", "http://workos-emulator:8090")
                .withExposedPorts(8090).waitingFor(Wait.forHttp("/sso/jwks/" + seed.clientId()));
        keycloak = new KeycloakContainer(image(root, null)).withImagePullPolicy(PullPolicy.defaultPolicy())
                .withProductionMode().withOptimizedFlag().withEnabledMetrics().withNetwork(network)
                .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak").withEnv("KC_DB_USERNAME", "keycloak")
                .withEnv("KC_DB_PASSWORD", DB_PASSWORD).withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                .withEnv("WORKOS_API_BASE_URL", "http://workos-emulator:8090")
                .withEnv("WORKOS_ALLOW_PLAIN_HTTP", "true")
                .withEnv("WORKOS_CLIENT_ID", seed.clientId())
                // As compose.yaml's secret: the API key as a file in the image's vault folder (KC_VAULT_DIR).
                .withCopyToContainer(Transferable.of(seed.apiKey() + "\n"), "/opt/keycloak/data/vault/"
                        + FileVault.fileName(TesRealm.NAME, TesRealm.VAULT_API_KEY))
                .withEnv("TES_BACKEND_CLIENT_SECRET", "docker-it-backend-secret")
                .withEnv(TesRealm.REDIRECT_URI, TesRealm.DEMO_REDIRECT_URI)
                .withEnv(TesRealm.POST_LOGOUT_REDIRECT_URI, TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI)
                .withEnv(TesRealm.BACKCHANNEL_LOGOUT_URI, TesRealm.DEMO_BACKCHANNEL_LOGOUT_URI)
                .withCustomCommand("--import-realm");
        postgres.start();
        workos.start();
        keycloak.start();
    }

    @AfterAll
    static void stop() {
        for (GenericContainer<?> container : new GenericContainer<?>[] {keycloak, workos, postgres}) {
            if (container != null) {
                container.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    @DisplayName("imports the tes realm into PostgreSQL")
    void realmInPostgres() throws Exception {
        String url = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/keycloak";
        List<String> realms = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "keycloak", DB_PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name FROM realm")) {
            while (result.next()) {
                realms.add(result.getString(1));
            }
        }
        assertThat(realms).contains("master", "tes");
    }

    @Test
    @DisplayName("answers health and metrics on the management port")
    void healthAndMetrics() throws Exception {
        HttpResponse<String> ready = get(keycloak.getMgmtServerUrl() + "/health/ready");
        HttpResponse<String> metrics = get(keycloak.getMgmtServerUrl() + "/metrics");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(KeycloakAdmin.MAPPER.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    @DisplayName("signs bob in through the WorkOS password form against the emulator image")
    void workOsSignIn() throws Exception {
        Oidc oidc = new Oidc(keycloak.getAuthServerUrl() + "/realms/" + TesKeycloak.REALM);

        JsonNode claims = Logins.passwordForm(oidc, "tes-web", "bob@multi.test", "Demo-pass-1!").accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(claims.path("permissions").toString()).contains("write:event:org");
    }

    /** Builds a target of docker/Dockerfile (null: the Keycloak image) with the repository root as context. */
    private static String image(Path root, String target) throws Exception {
        Path dockerfile = root.resolve("docker/Dockerfile");
        ImageFromDockerfile image = new ImageFromDockerfile("tes-" + (target == null ? "keycloak" : target) + "-it",
                true).withDockerfile(dockerfile)
                .withBuildArg("KEYCLOAK_VERSION", System.getProperty("tes.keycloak.version"))
                // As `docker build -f docker/Dockerfile .`: the context is the repository root (the first stage
                // builds the pack), trimmed by its .dockerignore; withDockerfile alone would send docker/ only.
                .withBuildImageCmdModifier(command -> command.withBaseDirectory(root.toFile())
                        .withDockerfile(dockerfile.toFile()));
        if (target != null) {
            image.withTarget(target);
        }
        return image.get();
    }

    /** The class runs only when this is true; otherwise it says so in the build log as well as in the report. */
    static boolean dockerAvailable() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        if (!available) {
            System.err.println("DockerImageIT: " + NOT_RUN);
        }
        return available;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
