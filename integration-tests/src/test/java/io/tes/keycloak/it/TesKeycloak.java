package io.tes.keycloak.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts the WorkOS emulator and one Keycloak (the distribution, the pack in {@code providers/}, the tes realm
 * imported from {@code realm-export/}) once per test run, shares them across IT classes, stops them at the end,
 * and prints the tail of Keycloak's log when a test fails. Each test starts with no WorkOS fault and an empty
 * call log; after each class, Keycloak's log is checked for secrets.
 */
public final class TesKeycloak implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    public static final String REALM = "tes";
    /** The vault key that holds the WorkOS API key: {@code ${vault.workosapikey}}. */
    public static final String VAULT_API_KEY = "workosapikey";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TesKeycloak.class);
    private static volatile Environment environment;

    /** The running pair; closed by JUnit when the whole run ends. */
    public static final class Environment implements AutoCloseable {
        public final WorkOsEmulator workos;
        public final KeycloakServer keycloak;
        public final String backendSecret;
        public final KeycloakAdmin admin;

        private Environment(WorkOsEmulator workos, KeycloakServer keycloak, String backendSecret) {
            this.workos = workos;
            this.keycloak = keycloak;
            this.backendSecret = backendSecret;
            this.admin = new KeycloakAdmin(keycloak);
        }

        @Override
        public void close() {
            keycloak.close();
            workos.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Environment.class, key -> start(), Environment.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        environment.workos.faults().clearAll();
        environment.workos.calls().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws java.io.IOException {
        assertLogHoldsNoSecret();
    }

    public static Environment env() {
        return Optional.ofNullable(environment)
                .orElseThrow(() -> new IllegalStateException("Annotate the test class with @ExtendWith(TesKeycloak.class)"));
    }

    private static Environment start() {
        WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0);
        String backendSecret = "it-" + UUID.randomUUID();
        try {
            // Keycloak's file vault: one file per secret, named <realm>_<key>.
            Path vault = Path.of(System.getProperty("tes.keycloak.log")).resolveSibling("vault");
            java.nio.file.Files.createDirectories(vault);
            java.nio.file.Files.writeString(vault.resolve(REALM + "_" + VAULT_API_KEY), workos.apiKey());
            KeycloakServer keycloak = KeycloakServer.start(
                    ServerSettings.builder(Path.of(System.getProperty("tes.keycloak.home")))
                            .providerJar(Path.of(System.getProperty("tes.providers.jar")))
                            .realmFile(Path.of(System.getProperty("tes.realm.file")))
                            .logFile(Path.of(System.getProperty("tes.keycloak.log")))
                            .env("WORKOS_API_BASE_URL", workos.baseUrl())
                            .env("WORKOS_API_KEY", workos.apiKey())
                            .env("WORKOS_CLIENT_ID", workos.clientId())
                            .env("TES_BACKEND_CLIENT_SECRET", backendSecret)
                            .argument("--vault=file").argument("--vault-dir=" + vault.toAbsolutePath())
                            .build());
            workos.passwordResetUrl(keycloak.realmUrl(REALM) + "/tes-password-reset");
            Environment started = new Environment(workos, keycloak, backendSecret);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tes-it-stop"));
            return started;
        } catch (RuntimeException | java.io.IOException e) {
            workos.close();
            throw new IllegalStateException("Cannot start the test environment", e);
        }
    }

    /**
     * Fails if Keycloak's log holds a secret: the WorkOS API key, a demo password, or any token the emulator
     * issued (codes, refresh tokens and pending tokens all come from the emulator's random token format).
     */
    static void assertLogHoldsNoSecret() throws java.io.IOException {
        Environment current = env();
        String log = java.nio.file.Files.readString(current.keycloak.settings().logFile());
        org.assertj.core.api.Assertions.assertThat(log).as("Keycloak's log")
                .doesNotContain(current.workos.apiKey(), current.backendSecret, "Demo-pass-1!", "Wrong-pass-")
                .doesNotContainPattern("code_[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("rt_[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Environment current = environment;
        if (current == null) {
            return;
        }
        List<String> tail = current.keycloak.logTail(60);
        System.err.printf("%n--- %s failed; last %d lines of Keycloak's log (%s) ---%n%s%n---%n",
                context.getDisplayName(), tail.size(), current.keycloak.settings().logFile(), String.join("\n", tail));
    }
}
