package io.tes.keycloak.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * A command that ends in a running Keycloak (normally {@code kc.sh start...}, or a script whose last step starts
 * it): its output goes to a log file and is kept in a short tail for reports; it is ready when a URL answers 200,
 * and it is stopped with its child processes. {@link KeycloakServer} runs a distribution through it; a test may run
 * other commands (the README's install steps) the same way.
 */
public final class KeycloakProcess implements AutoCloseable {

    private static final int TAIL_LINES = 200;

    private final Path logFile;
    private final PrintStream echo;
    private final Deque<String> tail = new ConcurrentLinkedDeque<>();
    private final Process process;
    private final Thread pump;

    private KeycloakProcess(Process process, Path logFile, PrintStream echo) {
        this.process = process;
        this.logFile = logFile;
        this.echo = echo;
        this.pump = new Thread(this::pumpOutput, "keycloak-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts the command in that folder with these environment variables added to ours; its output (stdout and
     * stderr) goes to the log file and, when {@code echo} is not null, there too. Keycloak runs on the JDK that runs
     * us ({@code JAVA_HOME}), so a test run on JDK 25 tests Keycloak on JDK 25.
     */
    public static KeycloakProcess start(List<String> command, Path directory, Map<String, String> environment,
            Path logFile, PrintStream echo) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return new KeycloakProcess(builder.start(), logFile, echo);
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines the command printed, for a failing test's report. */
    public List<String> logTail(int lines) {
        List<String> all = new ArrayList<>(tail);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /**
     * The process id of the JVM the command runs, for tools such as {@code jcmd}: kc.sh runs the JVM as its child
     * (and execs it only to relaunch after a re-augmentation, when kc.sh's own process is the JVM).
     */
    public long jvmPid() {
        return process.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    /** Whether the command still runs (false once it exited or was killed). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Blocks until the command exits; returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Waits until {@code ready} answers 200 (Keycloak's {@code /health/ready} on the management port, or any page it
     * serves once started); fails with the log's tail when the command exits first or the time runs out.
     */
    public void awaitReady(URI ready, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " while starting; its log is " + logFile + ":\n" + String.join("\n", logTail(40)));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; its log is " + logFile
                + ":\n" + String.join("\n", logTail(40)));
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                tail.addLast(line);
                while (tail.size() > TAIL_LINES) {
                    tail.pollFirst();
                }
                if (echo != null) {
                    echo.println(line);
                }
            }
        } catch (IOException e) {
            tail.addLast("(reading Keycloak's output failed: " + e.getMessage() + ")");
        }
    }

    /** Ends Keycloak at once with SIGKILL (kc.sh execs the JVM, so this is the Keycloak process), as a crash would. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops Keycloak gracefully (SIGTERM, which kc.sh forwards; a script's children get it too), forcibly after 30
     * seconds.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }
}
