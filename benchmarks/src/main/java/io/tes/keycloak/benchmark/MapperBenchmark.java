package io.tes.keycloak.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PermissionsMapperJmh} (the same roles token after token) and {@link NewCombinationJmh} (a combination
 * of roles never seen before) in one JMH run, and prints, per case and role count, the permissions mapper's time
 * against the built-in realm-role mapper's.
 */
public final class MapperBenchmark {

    private MapperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("mapper")) {
            return;
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(PermissionsMapperJmh.class.getSimpleName())
                .include(NewCombinationJmh.class.getSimpleName()).build()).run();
        Map<String, Map<Integer, double[]>> byCase = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String scenario = benchmark.contains(NewCombinationJmh.class.getSimpleName())
                    ? "new combination of roles (first token)" : "same roles, token after token";
            int roles = Integer.parseInt(result.getParams().getParam("roles"));
            boolean ours = benchmark.endsWith("permissionsMapper");
            double median = result.getPrimaryResult().getStatistics().getPercentile(50);
            byCase.computeIfAbsent(scenario, key -> new TreeMap<>())
                    .computeIfAbsent(roles, key -> new double[2])[ours ? 0 : 1] = median;
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nMapper benchmark (JMH, median time per token, JDK %s)%n", System.getProperty("java.version")));
        byCase.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                .forEach(scenario -> {
                    report.append("  ").append(scenario.getKey()).append(':').append(System.lineSeparator());
                    scenario.getValue().forEach((roles, scores) -> report.append(String.format(Locale.ROOT,
                            "  %6d roles: permissions mapper %8.2f us, built-in realm-role mapper %8.2f us,"
                                    + " ratio %.2fx%n", roles, scores[0], scores[1], scores[0] / scores[1])));
                });
        System.out.println(report);
        Files.writeString(Path.of("target", "mapper-benchmark.txt"), report.toString());
    }
}
