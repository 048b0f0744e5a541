package io.tes.keycloak.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Two Keycloak nodes built as the image is ({@code docker/keycloak.conf}, {@code kc.sh build},
 * {@code start --optimized}), each on its own distribution copy and free ports, sharing one PostgreSQL server and one
 * WorkOS emulator, clustered by Infinispan with Keycloak's default stack ({@code jdbc-ping}: the nodes find each
 * other through the shared database) over loopback. Started once per test run like {@link TesKeycloak}, stopped
 * when the run ends; each node keeps its log ({@code target/keycloak-cluster-a.log}, {@code -b.log}), whose tails
 * a failing test prints, and which are checked for secrets after each class. A node a test killed is started again
 * by the next class's set-up, with a log of its own ({@code keycloak-cluster-a-2.log}).
 *
 * <p>Both nodes name themselves by node A's URL ({@code --hostname}), as nodes behind one load balancer share one
 * public URL: a token either node issued has the issuer the other checks. Cookies ignore ports, so one
 * {@link io.tes.keycloak.testsupport.Browser} carries its session cookies to either node; a test that wants a
 * step served by node B sends it to {@link Cluster#onB(String)}.
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
    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    /** Infinispan's log line for a new cluster view: {@code ... for channel ISPN: [a-1|1] (2) [a-1, b-2]}. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: "
            + "\\[[^\\]]*\\] \\((\\d+)\\)");
    private static volatile Cluster cluster;

    /**
     * The running cluster: the emulator, the database and the two nodes. A node a test killed is started again, on
     * the same ports, by {@link #bothNodesUp()}, which each cluster class's set-up calls.
     */
    public static final class Cluster implements AutoCloseable {

        private final WorkOsEmulator workos;
        private final PostgresServer postgres;
        private final String backendSecret;
        private final Path dir;
        private final List<Path> logs = new CopyOnWriteArrayList<>();
        private volatile KeycloakServer a;
        private volatile KeycloakServer b;

        Cluster(WorkOsEmulator workos, PostgresServer postgres, String backendSecret, Path dir) {
            this.workos = workos;
            this.postgres = postgres;
            this.backendSecret = backendSecret;
            this.dir = dir;
        }

        public WorkOsEmulator workos() {
            return workos;
        }

        public PostgresServer postgres() {
            return postgres;
        }

        public String backendSecret() {
            return backendSecret;
        }

        public KeycloakServer a() {
            return a;
        }

        public KeycloakServer b() {
            return b;
        }

        public KeycloakAdmin adminOnA() {
            return new KeycloakAdmin(a);
        }

        public KeycloakAdmin adminOnB() {
            return new KeycloakAdmin(b);
        }

        /** The same URL on node B: the nodes' pages point at the shared public URL, which is node A's. */
        public String onB(String url) {
            return url.replace(a.baseUrl(), b.baseUrl());
        }

        public List<KeycloakServer> nodes() {
            return List.of(a, b);
        }

        /** The node that is not this one. */
        public KeycloakServer other(KeycloakServer node) {
            return node == a ? b : a;
        }

        /** Every log file a node has written in this run, a restarted node's earlier ones included. */
        public List<Path> logs() {
            return List.copyOf(logs);
        }

        /** Starts node A (importing the realm into the empty database), then node B, one after the other. */
        void start() {
            a = startNode("a", node("a").realmFile(TestEnvironment.path("tes.realm.file")));
            workos.passwordResetUrl(a.realmUrl(REALM) + "/tes-password-reset");
            b = startNode("b", node("b"));
        }

        /**
         * Starts again, on its ports, a node a test killed (node A finds its realm in the database and imports
         * nothing), and waits until both nodes see a view of two members again.
         */
        public synchronized void bothNodesUp() throws IOException {
            for (String name : List.of("a", "b")) {
                KeycloakServer node = "a".equals(name) ? a : b;
                if (node.alive()) {
                    continue;
                }
                KeycloakServer survivor = other(node);
                long seen = Files.readString(survivor.settings().logFile(), StandardCharsets.UTF_8).length();
                KeycloakServer restarted = startNode(name, node(name).httpPort(node.settings().httpPort())
                        .managementPort(node.settings().managementPort()));
                if ("a".equals(name)) {
                    a = restarted;
                } else {
                    b = restarted;
                }
                awaitView(restarted, 2, 0);
                awaitView(survivor, 2, seen);
            }
        }

        private KeycloakServer startNode(String name, ServerSettings.Builder settings) {
            long earlier = logs.stream().filter(log -> log.getFileName().toString()
                    .startsWith("keycloak-cluster-" + name)).count();
            Path log = TestEnvironment.path("tes.keycloak.log").resolveSibling("keycloak-cluster-" + name
                    + (earlier == 0 ? "" : "-" + (earlier + 1)) + ".log");
            logs.add(log);
            return KeycloakServer.start(settings.hostname(publicUrl()).logFile(log).build());
        }

        /** Both nodes name themselves by node A's URL, as nodes behind one load balancer share one public URL. */
        private String publicUrl() {
            return a == null ? null : "http://127.0.0.1:" + a.settings().httpPort();
        }

        /** One node's settings: its distribution copy, the image's build options, loopback JGroups on its own port. */
        private ServerSettings.Builder node(String name) {
            // Unpacked by the cluster profile as the shared distribution is, under node-a/ and node-b/.
            Path home = dir.resolve("node-" + name).resolve(TestEnvironment.path("tes.keycloak.home").getFileName());
            return ServerSettings.builder(home)
                    .optimized(TestEnvironment.path("tes.docker.dir").resolve("keycloak.conf"))
                    .database(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)
                    .providerJar(TestEnvironment.path("tes.providers.jar"))
                    .workOs(workos)
                    .demoApp()
                    .env("TES_BACKEND_CLIENT_SECRET", backendSecret)
                    .argument("--spi-tes-throttle--default--address-max-attempts=" + ADDRESS_MAX_ATTEMPTS)
                    .argument("--spi-tes-workos-events--default--poll-seconds=" + EVENTS_POLL_SECONDS)
                    .argument("--spi-tes-workos-events--default--backoff-max-seconds="
                            + TestEnvironment.EVENTS_BACKOFF_MAX_SECONDS)
                    // Which node polls and which handled an event, for ClusterEventsIT.
                    .argument("--log-level=INFO," + EVENTS_LOG_CATEGORY + ":debug")
                    .argument("--cache-embedded-network-bind-address=127.0.0.1")
                    .argument("--cache-embedded-network-bind-port=" + jgroupsPort());
        }

        @Override
        public void close() {
            for (AutoCloseable resource : new AutoCloseable[] {b, a, postgres, workos}) {
                try {
                    if (resource != null) {
                        resource.close();
                    }
                } catch (Exception e) {
                    System.err.println("Stopping " + resource + " failed: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Cluster.class, key -> start(), Cluster.class);
        cluster.bothNodesUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster.workos().faults().clearAll();
        cluster.workos().calls().clear();
    }

    /** As {@link TesKeycloak} does for its server: neither node's log holds a secret or a token. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Cluster current = cluster();
        for (Path log : current.logs()) {
            org.assertj.core.api.Assertions.assertThat(Files.readString(log)).as(log.toString())
                    .doesNotContain(current.workos().apiKey(), current.backendSecret(), "Demo-pass-1!",
                            PostgresServer.PASSWORD)
                    .doesNotContainPattern("code_[A-Za-z0-9_-]{20,}")
                    .doesNotContainPattern("rt_[A-Za-z0-9_-]{20,}")
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
        }
    }

    public static Cluster cluster() {
        return Optional.ofNullable(cluster).orElseThrow(
                () -> new IllegalStateException("Annotate the test class with @ExtendWith(TesCluster.class)"));
    }

    /**
     * Starts the nodes one after the other (two Keycloak builds and starts at once only slow each other down on a
     * small machine): A imports the realm into the empty database, B finds it there and imports nothing.
     */
    private static Cluster start() {
        WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0);
        PostgresServer postgres = null;
        Cluster started = null;
        try {
            Path dir = TestEnvironment.path("tes.cluster.dir");
            postgres = PostgresServer.start(dir.resolve("postgres"));
            started = new Cluster(workos, postgres, "it-cluster-" + UUID.randomUUID(), dir);
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tes-cluster-stop"));
            for (KeycloakServer node : started.nodes()) {
                awaitView(node, 2, 0);
            }
            return started;
        } catch (RuntimeException | IOException e) {
            if (started != null) {
                started.close();
            } else {
                workos.close();
                if (postgres != null) {
                    postgres.close();
                }
            }
            throw new IllegalStateException("Cannot start the cluster", e);
        }
    }

    /**
     * A free port for JGroups below 15536: its failure detection (FD_SOCK2) listens 50000 above the bind port,
     * which must be free too.
     */
    private static int jgroupsPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10000, 15000);
            if (free(port) && free(port + 50000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair for JGroups between 10000 and 15000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the node's log, from byte {@code from} on, reports a cluster view of {@code members} members. */
    static void awaitView(KeycloakServer node, int members, long from) throws IOException {
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (lastViewSize(node, from) != members) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No cluster view of " + members + " members in "
                        + node.settings().logFile() + " within " + VIEW_TIMEOUT + ":\n"
                        + String.join("\n", node.logTail(40)));
            }
            sleep();
        }
    }

    /** The member count of the newest cluster view in the node's log, 0 if none yet. */
    static int lastViewSize(KeycloakServer node) throws IOException {
        return lastViewSize(node, 0);
    }

    private static int lastViewSize(KeycloakServer node, long from) throws IOException {
        String log = Files.readString(node.settings().logFile(), StandardCharsets.UTF_8);
        Matcher view = VIEW.matcher(log.substring((int) Math.min(from, log.length())));
        int size = 0;
        while (view.find()) {
            size = Integer.parseInt(view.group(1));
        }
        return size;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the cluster view", e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Cluster current = cluster;
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
