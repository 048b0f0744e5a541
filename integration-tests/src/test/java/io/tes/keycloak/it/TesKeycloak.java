package io.tes.keycloak.it;

import java.util.List;
import java.util.Optional;

import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts the WorkOS emulator and one Keycloak ({@link TestEnvironment}: the distribution, the pack in
 * {@code providers/}, the tes realm imported from {@code realm-export/}) once per test run, shares them across IT
 * classes, stops them at the end, and prints the tail of Keycloak's log when a test fails. Each test starts with no
 * WorkOS fault and an empty call log; after each class, Keycloak's log is checked for secrets.
 */
public final class TesKeycloak implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    public static final String REALM = TestEnvironment.REALM;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TesKeycloak.class);
    private static volatile TestEnvironment environment;

    @Override
    public void beforeAll(ExtensionContext context) {
        // Closed by JUnit when the whole run ends (an AutoCloseable in the root store).
        environment = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestEnvironment.class, key -> TestEnvironment.start(), TestEnvironment.class);
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

    public static TestEnvironment env() {
        return Optional.ofNullable(environment).orElseThrow(
                () -> new IllegalStateException("Annotate the test class with @ExtendWith(TesKeycloak.class)"));
    }

    /**
     * Fails if Keycloak's log holds a secret: the WorkOS API key, a demo password, or any token the emulator
     * issued (codes, refresh tokens and pending tokens all come from the emulator's random token format).
     */
    static void assertLogHoldsNoSecret() throws java.io.IOException {
        TestEnvironment current = env();
        String log = java.nio.file.Files.readString(current.keycloak.settings().logFile());
        org.assertj.core.api.Assertions.assertThat(log).as("Keycloak's log")
                .doesNotContain(current.workos.apiKey(), current.backendSecret, "Demo-pass-1!", "Wrong-pass-")
                .doesNotContainPattern("code_[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("rt_[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        TestEnvironment current = environment;
        if (current == null) {
            return;
        }
        List<String> tail = current.keycloak.logTail(60);
        System.err.printf("%n--- %s failed; last %d lines of Keycloak's log (%s) ---%n%s%n---%n",
                context.getDisplayName(), tail.size(), current.keycloak.settings().logFile(), String.join("\n", tail));
    }
}
