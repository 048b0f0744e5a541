package io.tes.keycloak.workos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reads the module's sources: which of its packages use which (imports and fully qualified names). */
@DisplayName("The packages of authenticator-workos")
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/tes/keycloak/workos");
    private static final Pattern USE = Pattern.compile("io\\.tes\\.keycloak\\.workos\\.([a-z]+)\\.");

    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readSources() throws IOException {
        uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(PackageDependenciesTest::read);
        }
    }

    private static void read(Path file) {
        Path folder = SOURCES.relativize(file).getParent();
        if (folder == null) {
            return;
        }
        String own = folder.toString();
        Set<String> used = uses.computeIfAbsent(own, name -> new TreeSet<>());
        try {
            Matcher matcher = USE.matcher(Files.readString(file));
            while (matcher.find()) {
                if (!matcher.group(1).equals(own)) {
                    used.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("form no cycle: no package uses another that uses it back, directly or through others")
    void noCycles() {
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (reaches(start, start, new TreeSet<>())) {
                cycles.add(start + " -> " + uses.get(start));
            }
        }
        assertThat(uses).containsKeys("client", "failure", "connection", "signin", "throttle", "reset");
        assertThat(cycles).as("packages on a cycle").isEmpty();
    }

    @Test
    @DisplayName("keep the throttle on the ground floor: it uses only the client, failure and connection packages")
    void throttleStaysLow() {
        assertThat(uses.get("throttle")).isSubsetOf("client", "failure", "connection");
        assertThat(uses.get("client")).isEmpty();
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target) || seen.add(next) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
