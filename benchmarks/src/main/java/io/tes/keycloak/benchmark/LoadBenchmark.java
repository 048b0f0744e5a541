package io.tes.keycloak.benchmark;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.TestEnvironment;
import io.tes.keycloak.testsupport.TwoNodeCluster;

/**
 * Load and soak on the two-node cluster ({@link TwoNodeCluster}: two nodes built as the image is, one PostgreSQL,
 * the WorkOS emulator, all on loopback): at 8 and then 32 concurrent users, each user repeats a full browser sign-in
 * through the WorkOS password form plus three refreshes and a logout ({@link SignInCycle}), every request going to
 * the next node in turn, for {@code tes.benchmark.load.seconds} (default 600) per level; then, at the same level, the
 * same cycle for Keycloak-local users on Keycloak's built-in browser flow, the baseline, for
 * {@code tes.benchmark.load.baseline.seconds} (default a fifth of that). Prints sign-ins per second, p50/p99 of the
 * sign-in and of the refresh, the errors, the ratios to the baseline, and each node's heap after a full GC before
 * the first level and after the last.
 */
public final class LoadBenchmark {

    private static final String WORKOS_CLIENT = "tes-web";
    private static final String LOCAL_CLIENT = "bench-local";
    private static final String PASSWORD = "Demo-pass-1!";
    private static final int[] LEVELS = {8, 32};
    private static final double HEAP_GROWTH_LIMIT = 0.10;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // About 25 minutes by default: only when named, never as part of "all".
        if (!Benchmarks.named("load")) {
            return;
        }
        Duration phase = Duration.ofSeconds(Long.getLong("tes.benchmark.load.seconds", 600));
        Duration baseline = Duration.ofSeconds(Long.getLong("tes.benchmark.load.baseline.seconds",
                Math.max(10, phase.toSeconds() / 5)));
        Duration warmup = Duration.ofSeconds(Long.getLong("tes.benchmark.load.warmup.seconds", 60));
        int users = LEVELS[LEVELS.length - 1];
        // Every request comes from 127.0.0.1: the address limit of the shared test server, far above a run's count.
        try (TwoNodeCluster cluster = TwoNodeCluster.start(node -> node.argument(
                "--spi-tes-throttle--default--address-max-attempts=" + TestEnvironment.ADDRESS_MAX_ATTEMPTS))) {
            prepareUsers(cluster, users);
            SignInCycle viaWorkOs = new SignInCycle(cluster, WORKOS_CLIENT);
            SignInCycle local = new SignInCycle(cluster, LOCAL_CLIENT);
            // The first cycle of each WorkOS user creates its Keycloak user (first broker login); then both warm up.
            List<LoadPhase.Outcome> warm = List.of(
                    LoadPhase.run("warm-up WorkOS", viaWorkOs, users, LoadBenchmark::workOsUser, warmup),
                    LoadPhase.run("warm-up local", local, users, LoadBenchmark::localUser, warmup.dividedBy(2)));
            warm.forEach(outcome -> System.out.println(outcome.line()));
            Map<String, Long> heapBefore = heap(cluster);
            List<LoadPhase.Outcome[]> levels = new ArrayList<>();
            for (int level : LEVELS) {
                LoadPhase.Outcome workOs = LoadPhase.run("WorkOS password form", viaWorkOs, level,
                        LoadBenchmark::workOsUser, phase);
                System.out.println(workOs.line());
                LoadPhase.Outcome keycloak = LoadPhase.run("Keycloak-local, built-in (baseline)", local, level,
                        LoadBenchmark::localUser, baseline);
                System.out.println(keycloak.line());
                levels.add(new LoadPhase.Outcome[] {workOs, keycloak});
            }
            Map<String, Long> heapAfter = heap(cluster);
            String report = report(phase, baseline, warmup, levels, heapBefore, heapAfter);
            System.out.println(report);
            Files.writeString(Benchmarks.report("load-benchmark.txt"), report);
        }
    }

    private static String workOsUser(int index) {
        return "load-" + index + "@acme.test";
    }

    private static String localUser(int index) {
        return "load-local-" + index + "@local.test";
    }

    /** WorkOS users in one organization (no picker), Keycloak-local users, and the baseline's client. */
    private static void prepareUsers(TwoNodeCluster cluster, int users) throws Exception {
        KeycloakAdmin admin = cluster.adminOnA();
        admin.createBuiltInFlowClient(TwoNodeCluster.REALM, LOCAL_CLIENT, Map.of("pkce.code.challenge.method", "S256"));
        for (int i = 0; i < users; i++) {
            cluster.workos().addMembership(cluster.workos().addUser(workOsUser(i), PASSWORD, "Load", "User" + i),
                    "org_acme", "viewer");
            admin.createUser(TwoNodeCluster.REALM, localUser(i), PASSWORD);
        }
    }

    /** Each node's heap after a full GC, by node name. */
    private static Map<String, Long> heap(TwoNodeCluster cluster) throws Exception {
        Map<String, Long> heap = new LinkedHashMap<>();
        heap.put("A", NodeHeap.afterFullGc(cluster.a()));
        heap.put("B", NodeHeap.afterFullGc(cluster.b()));
        return heap;
    }

    private static String report(Duration phase, Duration baseline, Duration warmup, List<LoadPhase.Outcome[]> levels,
            Map<String, Long> heapBefore, Map<String, Long> heapAfter) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nLoad and soak on two nodes (JDK %s): "
                + "%d s per level via WorkOS, %d s baseline, after %d s warm-up; each cycle = sign-in + %d refreshes "
                + "+ logout, requests round-robin over both nodes%n", System.getProperty("java.version"),
                phase.toSeconds(), baseline.toSeconds(), warmup.toSeconds(), SignInCycle.REFRESHES));
        long errors = 0;
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (LoadPhase.Outcome[] level : levels) {
            LoadPhase.Outcome workOs = level[0];
            LoadPhase.Outcome local = level[1];
            out.append(String.format(Locale.ROOT, "%d concurrent users%n%s%n%s%n", workOs.users(), workOs.line(),
                    local.line()));
            out.append(String.format(Locale.ROOT, "  ratio WorkOS / Keycloak-local: sign-ins/s %.2fx, sign-in p50 "
                    + "%.2fx, p99 %.2fx, refresh p50 %.2fx%n",
                    workOs.signInsPerSecond() / local.signInsPerSecond(),
                    Benchmarks.percentile(workOs.signIns(), 50) / Benchmarks.percentile(local.signIns(), 50),
                    Benchmarks.percentile(workOs.signIns(), 99) / Benchmarks.percentile(local.signIns(), 99),
                    Benchmarks.percentile(workOs.refreshes(), 50) / Benchmarks.percentile(local.refreshes(), 50)));
            for (LoadPhase.Outcome outcome : level) {
                errors += outcome.errors();
                outcome.errorKinds().forEach((kind, count) -> kinds.merge(kind, count, Long::sum));
            }
        }
        out.append(String.format(Locale.ROOT, "errors: %d (target 0)%s%n", errors, errors == 0 ? "" : " MISSED"));
        kinds.forEach((kind, count) -> out.append(String.format(Locale.ROOT, "  %6d x %s%n", count, kind)));
        out.append("heap after a full GC, before the first level and after the last:\n");
        for (String node : heapBefore.keySet()) {
            double growth = (double) heapAfter.get(node) / heapBefore.get(node) - 1;
            out.append(String.format(Locale.ROOT, "  node %s: %.1f MB -> %.1f MB (%+.1f%%, limit +%.0f%%)%s%n", node,
                    heapBefore.get(node) / 1048576.0, heapAfter.get(node) / 1048576.0, growth * 100,
                    HEAP_GROWTH_LIMIT * 100, growth > HEAP_GROWTH_LIMIT ? " MISSED" : ""));
        }
        return out.toString();
    }
}
