package io.tes.keycloak.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link PermissionsMapperJmh} and prints, per role count, the mapper's time against the built-in mapper's. */
public final class MapperBenchmark {

    private MapperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("mapper")) {
            return;
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(PermissionsMapperJmh.class.getSimpleName()).build()).run();
        Map<Integer, double[]> byRoles = new TreeMap<>();
        for (RunResult result : results) {
            int roles = Integer.parseInt(result.getParams().getParam("roles"));
            boolean ours = result.getParams().getBenchmark().endsWith("permissionsMapper");
            byRoles.computeIfAbsent(roles, key -> new double[2])[ours ? 0 : 1] = result.getPrimaryResult().getScore();
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nMapper benchmark (JMH, average time per token, JDK %s)%n", System.getProperty("java.version")));
        byRoles.forEach((roles, scores) -> report.append(String.format(Locale.ROOT,
                "  %4d roles: permissions mapper %8.2f us, built-in realm-role mapper %8.2f us, ratio %.2fx%n",
                roles, scores[0], scores[1], scores[0] / scores[1])));
        System.out.println(report);
        Files.writeString(Path.of("target", "mapper-benchmark.txt"), report.toString());
    }
}
