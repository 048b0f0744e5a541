package io.tes.keycloak.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads the packaged providers jar: prints its size and contents, and fails the build when a foreign class, a
 * dangling service registration or an oversized jar would ship.
 */
@DisplayName("The providers jar")
class BundleContentsIT {

    private static final String OWN_PACKAGE = "io/tes/keycloak/";

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("tes.bundle.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(JarEntry::getName).sorted().collect(Collectors.toList());
        }
        System.out.printf("%nProviders jar %s: %,d bytes, %d entries%n", jar.getFileName(), Files.size(jar),
                entries.size());
        entries.forEach(entry -> System.out.println("  " + entry));
    }

    @Test
    @DisplayName("holds only the pack's own classes")
    void holdsOnlyOwnClasses() {
        List<String> classes = entries.stream().filter(name -> name.endsWith(".class")).collect(Collectors.toList());
        assertThat(classes).allSatisfy(name -> assertThat(name).startsWith(OWN_PACKAGE));
    }

    @Test
    @DisplayName("is smaller than the size budget")
    void staysWithinSizeBudget() throws IOException {
        long max = Long.parseLong(System.getProperty("tes.bundle.maxBytes"));
        assertThat(Files.size(jar)).isLessThan(max);
    }

    @Test
    @DisplayName("carries the tes login and email themes")
    void carriesThemes() {
        assertThat(entries).contains("META-INF/keycloak-themes.json",
                "theme/tes/login/theme.properties", "theme/tes/email/theme.properties");
    }

    @Test
    @DisplayName("registers only classes it contains")
    void servicesPointAtContainedClasses() throws IOException {
        List<String> missing = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String entry : entries) {
                if (!entry.startsWith("META-INF/services/") || entry.endsWith("/")) {
                    continue;
                }
                for (String provider : providerNames(file, entry)) {
                    if (!entries.contains(provider.replace('.', '/') + ".class")) {
                        missing.add(entry + " -> " + provider);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<String> providerNames(JarFile file, String entry) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(file.getInputStream(file.getEntry(entry)), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(line -> line.replaceAll("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.toList());
        }
    }
}
