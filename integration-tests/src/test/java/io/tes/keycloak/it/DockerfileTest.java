package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * docker/ agrees with the build: the image's Keycloak is {@code keycloak.version}, its build options are the ones
 * PostgresIT builds with, and no file names a registry host. A unit test: it needs no Docker engine.
 */
@DisplayName("docker/")
class DockerfileTest {

    private static final Path DOCKER = Path.of(System.getProperty("tes.docker.dir"));
    private static final String VERSION = System.getProperty("tes.keycloak.version");
    private static final Pattern IMAGE_TAG = Pattern.compile("keycloak/keycloak:([0-9][0-9A-Za-z.\\-]*)");

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @Nested
    @DisplayName("Given keycloak.version in the parent POM")
    class Version {

        @Test
        @DisplayName("then the Dockerfile's KEYCLOAK_VERSION default is that version")
        void dockerfileDefault() throws IOException {
            Matcher arg = Pattern.compile("(?m)^ARG KEYCLOAK_VERSION=(\\S+)$").matcher(read(DOCKER.resolve("Dockerfile")));

            assertThat(arg.find()).as("ARG KEYCLOAK_VERSION=... in docker/Dockerfile").isTrue();
            assertThat(arg.group(1)).as("docker/Dockerfile's KEYCLOAK_VERSION; change it with keycloak.version")
                    .isEqualTo(VERSION);
        }

        @Test
        @DisplayName("then every Keycloak stage is FROM keycloak/keycloak:${KEYCLOAK_VERSION}")
        void keycloakStagesUseTheArgument() throws IOException {
            List<String> froms = read(DOCKER.resolve("Dockerfile")).lines().filter(line -> line.startsWith("FROM "))
                    .filter(line -> line.contains("keycloak/keycloak")).toList();

            assertThat(froms).hasSize(2).allMatch(line -> line.startsWith("FROM keycloak/keycloak:${KEYCLOAK_VERSION}"));
        }

        @Test
        @DisplayName("then the docs name no other Keycloak image version")
        void docsNameThatVersion() throws IOException {
            for (Path doc : List.of(DOCKER.resolve("README.md"), DOCKER.getParent().resolve("docs/operations.md"))) {
                Matcher tag = IMAGE_TAG.matcher(read(doc));
                while (tag.find()) {
                    assertThat(tag.group(1)).as("%s names %s", doc, tag.group()).isEqualTo(VERSION);
                }
            }
        }
    }

    @Nested
    @DisplayName("Given docker/keycloak.conf")
    class BuildOptions {

        @Test
        @DisplayName("then it builds for PostgreSQL with health and metrics")
        void postgresHealthMetrics() throws IOException {
            List<String> options = read(DOCKER.resolve("keycloak.conf")).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

            assertThat(options).contains("db=postgres", "health-enabled=true", "metrics-enabled=true");
        }

        @Test
        @DisplayName("then the Dockerfile copies it as conf/keycloak.conf and runs kc.sh build with no other option")
        void dockerfileBuildsWithIt() throws IOException {
            String dockerfile = read(DOCKER.resolve("Dockerfile"));

            assertThat(dockerfile).contains("COPY docker/keycloak.conf /opt/keycloak/conf/keycloak.conf")
                    .containsPattern("RUN /opt/keycloak/bin/kc.sh build( \\\\|\\n)");
        }
    }

    @Nested
    @DisplayName("Given the image references in docker/")
    class Registries {

        @Test
        @DisplayName("then none names a registry host")
        void shortNamesOnly() throws IOException {
            Pattern reference = Pattern.compile("(?m)^(?:FROM|\\s*image:)\\s+(\\S+)");
            for (String file : List.of("Dockerfile", "compose.yaml")) {
                Matcher image = reference.matcher(read(DOCKER.resolve(file)));
                while (image.find()) {
                    String first = image.group(1).split("/")[0];
                    boolean host = image.group(1).contains("/") && (first.contains(".") || first.contains(":")
                            || first.equals("localhost"));
                    assertThat(host).as("%s: %s", file, image.group(1)).isFalse();
                }
            }
        }
    }
}
