package io.tes.keycloak.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;

/**
 * Two Keycloak nodes built as the image is ({@code docker/keycloak.conf}, {@code kc.sh build},
 * {@code start --optimized}), each on its own distribution copy and free ports, sharing one PostgreSQL server and one
 * WorkOS emulator, clustered by Infinispan with Keycloak's default stack ({@code jdbc-ping}: the nodes find each
 * other through the shared database) over loopback. The cluster ITs ({@code TesCluster}) and the load benchmark
 * start it. Where things are comes from the system properties their Maven builds set, as for
 * {@link TestEnvironment}, plus {@code tes.cluster.dir} (holding the distribution copies {@code node-a/} and
 * {@code node-b/}, unpacked by the build, and PostgreSQL's files) and {@code tes.docker.dir}. Each node keeps its log
 * beside {@code tes.keycloak.log} ({@code keycloak-cluster-a.log}, {@code -b.log}); a node started again gets a log
 * of its own ({@code keycloak-cluster-a-2.log}).
 *
 * <p>Both nodes name themselves by node A's URL ({@code --hostname}), as nodes behind one load balancer share one
 * public URL: a token either node issued has the issuer the other checks, and the nodes' pages and redirects point
 * at node A. Cookies ignore ports, so one {@link Browser} carries its session cookies to either node; a caller that
 * wants a step served by node B sends it to {@link #onB(String)} (or {@link #on(KeycloakServer, String)}).
 */
public final class TwoNodeCluster implements AutoCloseable {

    public static final String REALM = TestEnvironment.REALM;

    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    /** Infinispan's log line for a new cluster view: {@code ... for channel ISPN: [a-1|1] (2) [a-1, b-2]}. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: "
            + "\\[[^\\]]*\\] \\((\\d+)\\)");

    private final WorkOsEmulator workos;
    private final PostgresServer postgres;
    private final String backendSecret;
    private final Path dir;
    private final UnaryOperator<ServerSettings.Builder> options;
    private final List<Path> logs = new CopyOnWriteArrayList<>();
    private volatile KeycloakServer a;
    private volatile KeycloakServer b;

    private TwoNodeCluster(WorkOsEmulator workos, PostgresServer postgres, Path dir,
            UnaryOperator<ServerSettings.Builder> options) {
        this.workos = workos;
        this.postgres = postgres;
        this.backendSecret = "cluster-" + UUID.randomUUID();
        this.dir = dir;
        this.options = options;
    }

    /**
     * Starts the emulator with the demo data, PostgreSQL and the nodes one after the other (two Keycloak builds and
     * starts at once only slow each other down on a small machine): A imports the realm into the empty database, B
     * finds it there and imports nothing. Returns once both nodes report a cluster view of two members.
     * {@code options} adds the caller's server options to each node's settings (throttle limits, log levels); it
     * is applied again when a node is started again. Everything stops on {@link #close()} or, at the latest, when the
     * JVM ends.
     */
    public static TwoNodeCluster start(UnaryOperator<ServerSettings.Builder> options) {
        WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0);
        PostgresServer postgres = null;
        TwoNodeCluster started = null;
        boolean up = false;
        try {
            Path dir = TestEnvironment.path("tes.cluster.dir");
            postgres = PostgresServer.start(dir.resolve("postgres"));
            started = new TwoNodeCluster(workos, postgres, dir, options);
            started.startNodes();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tes-cluster-stop"));
            for (KeycloakServer node : started.nodes()) {
                awaitView(node, 2, 0);
            }
            up = true;
            return started;
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException("Cannot start the cluster", e);
        } finally {
            // Whatever failed (an Error too: a class missing from the classpath), nothing started stays running.
            if (!up) {
                if (started != null) {
                    started.close();
                } else {
                    workos.close();
                    if (postgres != null) {
                        postgres.close();
                    }
                }
            }
        }
    }

    public WorkOsEmulator workos() {
        return workos;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The {@code tes-backend} client's secret on both nodes. */
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
        return on(b, url);
    }

    /** The same URL on the given node, as a load balancer would send a request for the public URL there. */
    public String on(KeycloakServer node, String url) {
        return url.replace(a.baseUrl(), node.baseUrl());
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

    /**
     * Starts again, on its ports, a node that was killed (node A finds its realm in the database and imports
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

    /** Waits until the node's log, from byte {@code from} on, reports a cluster view of {@code members} members. */
    public static void awaitView(KeycloakServer node, int members, long from) throws IOException {
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
    public static int lastViewSize(KeycloakServer node) throws IOException {
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

    /** Starts node A (importing the realm into the empty database), then node B, one after the other. */
    private void startNodes() {
        a = startNode("a", node("a").realmFile(TestEnvironment.path("tes.realm.file")));
        workos.passwordResetUrl(a.realmUrl(REALM) + "/tes-password-reset");
        b = startNode("b", node("b"));
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
        // Unpacked by the build as the shared distribution is, under node-a/ and node-b/.
        Path home = dir.resolve("node-" + name).resolve(TestEnvironment.path("tes.keycloak.home").getFileName());
        return options.apply(ServerSettings.builder(home)
                .optimized(TestEnvironment.path("tes.docker.dir").resolve("keycloak.conf"))
                .database(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)
                .providerJar(TestEnvironment.path("tes.providers.jar"))
                .workOs(workos)
                .demoApp()
                .env("TES_BACKEND_CLIENT_SECRET", backendSecret)
                .argument("--cache-embedded-network-bind-address=127.0.0.1")
                .argument("--cache-embedded-network-bind-port=" + jgroupsPort()));
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

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the cluster view", e);
        }
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
