package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tes.keycloak.emulator.Seed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml's deployment defaults, read as text (the tests have no YAML parser): the services start only
 * with their secrets, the management port stays on the host's loopback, the WorkOS API key reaches Keycloak as a file
 * in its vault, and docker/demo.env gives the demo every value. A unit test: it needs no Docker engine.
 */
@DisplayName("docker/compose.yaml")
class ComposeFileTest {

    private static final Path DOCKER = Path.of(System.getProperty("tes.docker.dir"));
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} and the forms without the colon. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)}");
    /** What the compose file must refuse to start without. */
    private static final Set<String> SECRETS = Set.of("TES_DB_PASSWORD", "KC_BOOTSTRAP_ADMIN_USERNAME",
            "KC_BOOTSTRAP_ADMIN_PASSWORD", "KC_HOSTNAME", "WORKOS_API_KEY_FILE", "WORKOS_CLIENT_ID",
            "TES_BACKEND_CLIENT_SECRET", "TES_APP_REDIRECT_URI", "TES_APP_POST_LOGOUT_REDIRECT_URI",
            "TES_APP_BACKCHANNEL_LOGOUT_URI");
    /** The only variable with a default: WorkOS's production API, which is no secret. */
    private static final Map<String, String> DEFAULTS = Map.of("WORKOS_API_BASE_URL", "https://api.workos.com",
            "WORKOS_ALLOW_PLAIN_HTTP", "false");
    private static final String VAULT_DIR = "/opt/keycloak/data/vault";
    private static final String API_KEY_FILE = "tes_workos__api__key";

    private static String compose() throws IOException {
        return Files.readString(DOCKER.resolve("compose.yaml"));
    }

    /** The variables compose.yaml reads, each with how: {@code :?}, {@code :-}, ... or empty for a bare one. */
    private static Map<String, List<String>> variables() throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        String withoutComments = String.join("\n", compose().lines()
                .filter(line -> !line.strip().startsWith("#")).toList());
        Matcher variable = VARIABLE.matcher(withoutComments);
        while (variable.find()) {
            String operator = variable.group(2) == null ? "" : variable.group(2);
            found.computeIfAbsent(variable.group(1), name -> new ArrayList<>()).add(operator + variable.group(3));
        }
        return found;
    }

    /** The entries of every {@code ports:} list, quotes removed. */
    private static List<String> publishedPorts() throws IOException {
        List<String> ports = new ArrayList<>();
        int listIndent = -1;
        for (String line : compose().lines().toList()) {
            int indent = line.length() - line.stripLeading().length();
            String text = line.strip();
            if (text.equals("ports:")) {
                listIndent = indent;
            } else if (listIndent >= 0 && text.startsWith("- ") && indent >= listIndent) {
                ports.add(text.substring(2).replace("\"", "").strip());
            } else if (!text.isEmpty() && !text.startsWith("#")) {
                listIndent = -1;
            }
        }
        return ports;
    }

    /** docker/demo.env as name to value. */
    private static Map<String, String> demoEnv() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCKER.resolve("demo.env"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                int equals = line.indexOf('=');
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return values;
    }

    @Nested
    @DisplayName("Given the services")
    class Services {

        @Test
        @DisplayName("then every variable is required (${NAME:?message}) but WorkOS's API URL, default WorkOS's")
        void noDefaults() throws IOException {
            Map<String, List<String>> variables = variables();

            assertThat(variables).isNotEmpty();
            variables.forEach((name, uses) -> {
                for (String use : uses) {
                    if (DEFAULTS.containsKey(name)) {
                        assertThat(use).as(name).isEqualTo(":-" + DEFAULTS.get(name));
                    } else {
                        assertThat(use).as("%s must be ${%s:?message}", name, name).startsWith(":?")
                                .hasSizeGreaterThan(2);
                    }
                }
            });
        }

        @Test
        @DisplayName("then passwords, admin, hostname, WorkOS, the back end's secret and the app's URIs are required")
        void secretsRequired() throws IOException {
            assertThat(variables().keySet()).containsAll(SECRETS);
        }

        @Test
        @DisplayName("then the management port 9000 is published on the host's loopback only")
        void managementPortOnLoopback() throws IOException {
            List<String> ports = publishedPorts();

            assertThat(ports).contains("127.0.0.1:9000:9000");
            assertThat(ports).filteredOn(port -> port.endsWith(":9000") || port.equals("9000"))
                    .containsOnly("127.0.0.1:9000:9000");
        }

        @Test
        @DisplayName("then the WorkOS API key is a secret file in Keycloak's vault, never an environment variable")
        void apiKeyInTheVault() throws IOException {
            String compose = compose();

            assertThat(compose).containsPattern("file: \"?\\$\\{WORKOS_API_KEY_FILE:\\?")
                    .contains("target: " + VAULT_DIR + "/" + API_KEY_FILE)
                    .doesNotContain("WORKOS_API_KEY:");
            assertThat(Files.readString(DOCKER.resolve("Dockerfile"))).contains("ENV KC_VAULT_DIR=" + VAULT_DIR);
        }
    }

    @Nested
    @DisplayName("Given docker/demo.env")
    class Demo {

        @Test
        @DisplayName("then it sets every variable the compose file requires")
        void setsEveryRequiredVariable() throws IOException {
            Set<String> required = new TreeSet<>(variables().keySet());
            required.removeAll(DEFAULTS.keySet());

            assertThat(demoEnv().keySet()).containsAll(required);
        }

        @Test
        @DisplayName("then it points Keycloak at the emulator with the demo data's client, key and app")
        void emulatorAndDemoApp() throws IOException {
            Map<String, String> demo = demoEnv();
            Seed seed = Seed.demo();

            assertThat(demo.get("WORKOS_API_BASE_URL")).isEqualTo("http://workos-emulator:8090");
            // The emulator is plain http on the compose network: the development switch, in the demo only.
            assertThat(demo.get("WORKOS_ALLOW_PLAIN_HTTP")).isEqualTo("true");
            assertThat(demo.get("WORKOS_CLIENT_ID")).isEqualTo(seed.clientId());
            assertThat(Files.readString(DOCKER.resolve(demo.get("WORKOS_API_KEY_FILE"))).strip())
                    .isEqualTo(seed.apiKey());
            assertThat(demo.get("TES_APP_REDIRECT_URI")).isEqualTo("http://localhost:3000/callback");
            assertThat(demo.get("TES_APP_POST_LOGOUT_REDIRECT_URI")).isEqualTo("http://localhost:3000/");
        }
    }
}
