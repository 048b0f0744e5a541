package io.tes.keycloak.benchmark;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Closed-loop load: {@code users} virtual users, each repeating {@link SignInCycle} as one user with its own name,
 * back to back, until the phase's time is up (a cycle under way then finishes and counts) or a user has done
 * {@link #MAX_CYCLES_PER_USER}. A failed cycle counts as an error and the user goes on after a short pause.
 */
final class LoadPhase {

    /** A bound on the count as well as the time. */
    static final int MAX_CYCLES_PER_USER = 100_000;
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final long PAUSE_AFTER_ERROR_MILLIS = 200;

    /** What a phase measured. */
    record Outcome(String name, int users, Duration duration, long[] signIns, long[] refreshes, long errors,
            Map<String, Long> errorKinds) {

        double signInsPerSecond() {
            return signIns.length / (duration.toNanos() / 1e9);
        }

        String line() {
            return String.format(Locale.ROOT, "  %-34s %7.2f sign-ins/s   sign-in p50 %7.1f ms  p99 %7.1f ms   "
                    + "refresh p50 %6.1f ms  p99 %6.1f ms   errors %d",
                    name, signInsPerSecond(), Benchmarks.percentile(signIns, 50), Benchmarks.percentile(signIns, 99),
                    Benchmarks.percentile(refreshes, 50), Benchmarks.percentile(refreshes, 99), errors);
        }
    }

    private LoadPhase() {
    }

    /** Runs the phase; {@code username} names virtual user {@code i}. */
    static Outcome run(String name, SignInCycle cycle, int users, IntFunction<String> username,
            Duration duration) throws InterruptedException {
        List<long[]> signIns = new ArrayList<>();
        List<long[]> refreshes = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<Timings>> running = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = username.apply(i);
            running.add(pool.submit(() -> user(cycle, user, deadline, errors, errorKinds)));
        }
        try {
            for (Future<Timings> future : running) {
                long left = deadline + GRACE.toNanos() - System.nanoTime();
                Timings timings = future.get(Math.max(1, left), TimeUnit.NANOSECONDS);
                signIns.add(timings.signIns.toArray());
                refreshes.add(timings.refreshes.toArray());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Phase " + name + " did not end in time", e);
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Outcome(name, users, took, concat(signIns), concat(refreshes), errors.get(), Map.copyOf(errorKinds));
    }

    private static Timings user(SignInCycle cycle, String user, long deadline, AtomicLong errors,
            Map<String, Long> errorKinds) throws InterruptedException {
        HttpClient http = SignInCycle.browserClient();
        Timings timings = new Timings();
        for (int done = 0; done < MAX_CYCLES_PER_USER && System.nanoTime() < deadline; done++) {
            try {
                SignInCycle.Result result = cycle.run(http, user);
                timings.signIns.add(result.signIn());
                for (long refresh : result.refreshes()) {
                    timings.refreshes.add(refresh);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                errors.incrementAndGet();
                errorKinds.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                Thread.sleep(PAUSE_AFTER_ERROR_MILLIS);
            }
        }
        return timings;
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** One user's timings, in nanoseconds. */
    private static final class Timings {
        final LongList signIns = new LongList();
        final LongList refreshes = new LongList();
    }

    /** A growable list of longs, without boxing tens of thousands of timings. */
    private static final class LongList {
        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
