package io.tes.keycloak.tools.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The permissions import command")
class ImportPermissionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ImportPermissions.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String sample(String name) throws URISyntaxException {
        return Path.of(ImportPermissionsTest.class.getResource("/" + name).toURI()).toString();
    }

    @Test
    @DisplayName("Given a file with one bad line then it exits 2 naming the line before contacting Keycloak")
    void malformedFileStopsFirst() throws Exception {
        // Port 9 (discard) on localhost: never reached, the file is checked first.
        int status = run(Map.of(), "--file", sample("permissions-one-bad-line.json"), "--url", "http://127.0.0.1:9",
                "--user", "admin", "--password", "unused");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("permissions-one-bad-line.json:8: role 'organizer': 'write:event' is not")
                .contains("Nothing was written.");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("Given no credentials, or both kinds, then it exits 2 with the usage")
    void credentials() {
        assertThat(run(Map.of(), "--file", "p.json", "--url", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(run(Map.of(), "--file", "p.json", "--url", "http://127.0.0.1:9", "--user", "a", "--client-id", "b"))
                .isEqualTo(2);
        assertThat(run(Map.of(), "--file", "p.json", "--url", "http://127.0.0.1:9", "--user", "a")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give either --user or --client-id")
                .contains("--user needs --password or KEYCLOAK_ADMIN_PASSWORD").contains("Usage:");
    }

    @Test
    @DisplayName("Given the password in the environment then the options take it from there")
    void passwordFromEnvironment() {
        Options options = Options.parse(new String[] {"--file", "p.json", "--url", "http://kc/", "--user", "admin"},
                Map.of("KEYCLOAK_ADMIN_PASSWORD", "s3cret"));

        assertThat(options.password()).isEqualTo("s3cret");
        assertThat(options.url()).isEqualTo("http://kc");
        assertThat(options.realm()).isEqualTo("tes");
        assertThat(options.authRealm()).isEqualTo("master");
        assertThat(options.createMissing()).isFalse();
    }
}
