package io.tes.keycloak.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;

/**
 * A WorkOS brownout on one server: WorkOS answering {@code authenticate} after 4 s while direct-grant attempts for
 * emails WorkOS does not know arrive at a fixed rate (open loop, 100 a second, at most 250 in flight), and an unrelated
 * confidential client, which never touches WorkOS, asks for client-credentials tokens over 8 connections. Its token
 * rate is measured without the brownout (the baseline), during it with the WorkOS provider's bulkhead at its default,
 * and during it with the bulkhead and circuit set out of the way, in one run on one server. Then the recovery: the time
 * from clearing a fault that opened the circuit to the first WorkOS sign-in that works again.
 *
 * <p>All load comes from one loopback address; the server's per-address throttle is set high by the test environment
 * ({@link TestEnvironment#ADDRESS_MAX_ATTEMPTS}), and each attempt uses a new email, so neither throttle refuses: the
 * bulkhead is what is measured.
 */
public final class BrownoutBenchmark {

    private static final String SERVICE = "bench-brownout-service";
    private static final String SECRET = "bench-brownout-secret";
    private static final int CONNECTIONS = 8;
    private static final int WORKOS_RATE = 100;
    private static final int MAX_OPEN = 250;
    private static final long LATENCY_MILLIS = 4_000;

    private BrownoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("brownout")) {
            return;
        }
        Duration phase = Duration.ofSeconds(Long.getLong("tes.benchmark.seconds", 20));
        try (TestEnvironment environment = TestEnvironment.start()) {
            Oidc oidc = new Oidc(environment.keycloak.realmUrl(TestEnvironment.REALM));
            environment.admin.post("/realms/" + TestEnvironment.REALM + "/clients", Map.of("clientId", SERVICE,
                    "publicClient", false, "secret", SECRET, "standardFlowEnabled", false,
                    "serviceAccountsEnabled", true));
            // Warm-up: the JIT and the token path.
            tokenRate(oidc, Duration.ofSeconds(10));

            double baseline = tokenRate(oidc, phase);
            Load guarded = brownout(environment, oidc, phase);
            setLimits(environment.admin, Map.of("maxInFlight", "100000", "circuitFailures", "100000"));
            Load unguarded = brownout(environment, oidc, phase);
            setLimits(environment.admin, Map.of());
            // Let the unguarded phase's WorkOS calls end before measuring the recovery.
            Thread.sleep(LATENCY_MILLIS + 2_000);
            Duration recovery = recovery(environment, oidc);

            String report = String.format(Locale.ROOT, "%nWorkOS brownout benchmark (JDK %s, %d s a phase, %d "
                    + "connections for the unrelated client; WorkOS authenticate after %d ms, %d attempts a second, "
                    + "at most %d in flight)%n"
                    + "  %-58s %8.1f tokens/s%n"
                    + "  %-58s %8.1f tokens/s   %.2fx   (WorkOS attempts sent %d, refused at once %d, "
                    + "answered in time %d)%n"
                    + "  %-58s %8.1f tokens/s   %.2fx   (WorkOS attempts sent %d, refused at once %d, "
                    + "answered in time %d)%n"
                    + "  %-58s %8.1f s (circuit cool-down %d s)%n",
                    System.getProperty("java.version"), phase.toSeconds(), CONNECTIONS, LATENCY_MILLIS, WORKOS_RATE,
                    MAX_OPEN,
                    "unrelated client, no brownout (baseline)", baseline,
                    "unrelated client, brownout, bulkhead at its default (16)", guarded.tokensPerSecond,
                    guarded.tokensPerSecond / baseline, guarded.sent, guarded.refusedFast, guarded.answered,
                    "unrelated client, brownout, bulkhead and circuit off", unguarded.tokensPerSecond,
                    unguarded.tokensPerSecond / baseline, unguarded.sent, unguarded.refusedFast, unguarded.answered,
                    "WorkOS sign-ins work again after the fault is cleared", recovery.toMillis() / 1000.0,
                    30);
            System.out.println(report);
            Files.writeString(Benchmarks.report("brownout-benchmark.txt"), report);
        }
    }

    private record Load(double tokensPerSecond, long sent, long refusedFast, long answered) {
    }

    /** The unrelated client's token rate while the WorkOS attempts arrive at a fixed rate against a slow WorkOS. */
    private static Load brownout(TestEnvironment environment, Oidc oidc, Duration phase) throws Exception {
        environment.workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(LATENCY_MILLIS));
        AtomicInteger open = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong refusedFast = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        ExecutorService attempts = Executors.newFixedThreadPool(MAX_OPEN);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sequence = new AtomicLong();
        clock.scheduleAtFixedRate(() -> {
            if (open.get() >= MAX_OPEN) {
                return;
            }
            open.incrementAndGet();
            sent.incrementAndGet();
            attempts.submit(() -> {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = oidc.token(Map.of("grant_type", "password", "client_id",
                            "tes-backend", "client_secret", environment.backendSecret, "username",
                            "brownout-" + sequence.incrementAndGet() + "-" + start + "@nowhere.test", "password",
                            "Wrong-pass-1!"));
                    long took = System.nanoTime() - start;
                    if (response.statusCode() == 503 && took < TimeUnit.MILLISECONDS.toNanos(LATENCY_MILLIS / 4)) {
                        refusedFast.incrementAndGet();
                    } else {
                        answered.incrementAndGet();
                    }
                } catch (Exception e) {
                    // Counted neither way: the client gave up.
                } finally {
                    open.decrementAndGet();
                }
            });
        }, 0, 1_000_000 / WORKOS_RATE, TimeUnit.MICROSECONDS);
        try {
            // The brownout builds up before the measurement starts: the calls in flight reach their steady number.
            Thread.sleep(LATENCY_MILLIS + 1_000);
            return new Load(tokenRate(oidc, phase), sent.get(), refusedFast.get(), answered.get());
        } finally {
            clock.shutdownNow();
            attempts.shutdown();
            attempts.awaitTermination(LATENCY_MILLIS * 4, TimeUnit.MILLISECONDS);
            environment.workos.faults().clearAll();
        }
    }

    /** Client-credentials tokens a second over {@link #CONNECTIONS} closed-loop connections. */
    private static double tokenRate(Oidc oidc, Duration phase) throws Exception {
        AtomicLong tokens = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long start = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            pool.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = oidc.token(Map.of("grant_type", "client_credentials",
                                "client_id", SERVICE, "client_secret", SECRET));
                        if (response.statusCode() == 200 && running.get()) {
                            tokens.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // A failed request adds nothing.
                    }
                }
                return null;
            });
        }
        Thread.sleep(phase.toMillis());
        running.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long counted = tokens.get();
        pool.shutdown();
        pool.awaitTermination(LATENCY_MILLIS * 4, TimeUnit.MILLISECONDS);
        return counted / seconds;
    }

    /**
     * WorkOS answers 503 until the circuit is open; then the fault is cleared and alice's direct grant is tried every
     * 250 ms: the time from clearing to her first token.
     */
    private static Duration recovery(TestEnvironment environment, Oidc oidc) throws Exception {
        environment.workos.faults().set(Endpoint.AUTHENTICATE, Fault.status(503));
        for (int i = 0; i < 10; i++) {
            aliceSignIn(environment, oidc);
        }
        environment.workos.faults().clearAll();
        long cleared = System.nanoTime();
        while (aliceSignIn(environment, oidc) != 200) {
            if (System.nanoTime() - cleared > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("WorkOS sign-ins did not come back within 120 s");
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - cleared);
    }

    private static int aliceSignIn(TestEnvironment environment, Oidc oidc) throws Exception {
        return oidc.token(Map.of("grant_type", "password", "client_id", "tes-backend", "client_secret",
                environment.backendSecret, "username", "alice@acme.test", "password", "Demo-pass-1!"))
                .statusCode();
    }

    /** Sets (or, with an empty map, removes) the WorkOS provider's limits. */
    private static void setLimits(KeycloakAdmin admin, Map<String, String> limits) throws Exception {
        String path = "/realms/" + TestEnvironment.REALM + "/identity-provider/instances/workos";
        JsonNode provider = admin.get(path);
        ObjectNode config = (ObjectNode) provider.path("config");
        config.remove(List.of("maxInFlight", "circuitFailures"));
        limits.forEach(config::put);
        HttpResponse<String> saved = admin.put(path, provider);
        if (saved.statusCode() / 100 != 2) {
            throw new IllegalStateException("Saving the WorkOS provider answered " + saved.statusCode() + ": "
                    + saved.body());
        }
    }
}
