package io.tes.keycloak.benchmark;

import java.nio.file.Path;
import java.util.Arrays;

import io.tes.keycloak.testsupport.TestEnvironment;

/** What the benchmarks share: which of them run, where their reports go, and how they summarize timings. */
final class Benchmarks {

    private Benchmarks() {
    }

    /** Whether this benchmark runs: all do, unless {@code -Dtes.benchmark=sign-in,permissions} picks some. */
    static boolean selected(String name) {
        String chosen = System.getProperty("tes.benchmark", "");
        return chosen.isBlank() || Arrays.asList(chosen.split(",")).contains(name);
    }

    /** Whether this benchmark was named in {@code -Dtes.benchmark}: for the long ones, which "all" leaves out. */
    static boolean named(String name) {
        return Arrays.asList(System.getProperty("tes.benchmark", "").split(",")).contains(name);
    }

    /** Where a report goes: beside Keycloak's log under the module's target/. */
    static Path report(String fileName) {
        return TestEnvironment.path("tes.keycloak.log").resolveSibling(fileName);
    }

    /** The given percentile (nearest rank) of timings in nanoseconds, in milliseconds; NaN for none. */
    static double percentile(long[] nanos, int percent) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
