package io.tes.keycloak.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.testsupport.PostgresServer;
import io.tes.keycloak.testsupport.TestEnvironment;
import io.tes.keycloak.testsupport.TwoNodeCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The two-node cluster ({@link TwoNodeCluster}: two nodes built as the image is, one PostgreSQL, one WorkOS
 * emulator) for the cluster ITs: started once per test run like {@link TesKeycloak}, with the ITs' throttle limit
 * and event polling, stopped when the run ends. A node a test killed is started again by the next class's set-up.
 * Each node's log is checked for secrets after each class, and its tail printed when a test fails.
 */
public final class TesCluster implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    public static final String REALM = TestEnvironment.REALM;
    /**
     * Attempts per client address and realm before the nodes refuse that address (the throttle's
     * {@code address-max-attempts}). Small, so {@code ClusterThrottleIT} reaches it; every request comes from
     * 127.0.0.1, so tests that fail passwords, sign up or ask for resets use a realm of their own (the counts are per
     * realm). The tes realm's cluster tests only sign in with the right password, which counts nothing.
     */
    public static final int ADDRESS_MAX_ATTEMPTS = 6;
    /** How often each node's timer tries to poll WorkOS's events (the cluster lock lets one poll at a time). */
    public static final int EVENTS_POLL_SECONDS = 1;
    /** The event consumer's package, logged at debug level on the nodes. */
    public static final String EVENTS_LOG_CATEGORY = "io.tes.keycloak.workos.events";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TesCluster.class);
    private static volatile TwoNodeCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TwoNodeCluster.class, key -> start(), TwoNodeCluster.class);
        cluster.bothNodesUp();
    }

    private static TwoNodeCluster start() {
        return TwoNodeCluster.start(node -> node
                .argument("--spi-tes-throttle--default--address-max-attempts=" + ADDRESS_MAX_ATTEMPTS)
                .argument("--spi-tes-workos-events--default--poll-seconds=" + EVENTS_POLL_SECONDS)
                .argument("--spi-tes-workos-events--default--backoff-max-seconds="
                        + TestEnvironment.EVENTS_BACKOFF_MAX_SECONDS)
                // Which node polls and which handled an event, for ClusterEventsIT.
                .argument("--log-level=INFO," + EVENTS_LOG_CATEGORY + ":debug"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster.workos().faults().clearAll();
        cluster.workos().calls().clear();
    }

    /** As {@link TesKeycloak} does for its server: neither node's log holds a secret or a token. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        TwoNodeCluster current = cluster();
        for (Path log : current.logs()) {
            org.assertj.core.api.Assertions.assertThat(Files.readString(log)).as(log.toString())
                    .doesNotContain(current.workos().apiKey(), current.backendSecret(), "Demo-pass-1!",
                            PostgresServer.PASSWORD)
                    .doesNotContainPattern("code_[A-Za-z0-9_-]{20,}")
                    .doesNotContainPattern("rt_[A-Za-z0-9_-]{20,}")
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
        }
    }

    public static TwoNodeCluster cluster() {
        return Optional.ofNullable(cluster).orElseThrow(
                () -> new IllegalStateException("Annotate the test class with @ExtendWith(TesCluster.class)"));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        TwoNodeCluster current = cluster;
        if (current == null) {
            return;
        }
        for (KeycloakServer node : current.nodes()) {
            List<String> tail = node.logTail(60);
            System.err.printf("%n--- %s failed; last %d lines of %s ---%n%s%n---%n", context.getDisplayName(),
                    tail.size(), node.settings().logFile(), String.join("\n", tail));
        }
    }
}
