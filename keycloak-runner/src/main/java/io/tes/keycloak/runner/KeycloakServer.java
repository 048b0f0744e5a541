package io.tes.keycloak.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keycloak distribution started as a child process, with the pack's jar in {@code providers/} and realms imported
 * from JSON. In dev mode each start is fresh: the dev-mode H2 database is removed first, so the realm files are what
 * the server serves. In optimized mode ({@link ServerSettings#optimized()}) the distribution is built with the
 * image's build options and started as in production, on the configured database, which keeps its data across
 * restarts (a realm that exists is not imported again). Used by the integration tests and by the local run.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final ServerSettings settings;
    private KeycloakProcess process;

    private KeycloakServer(ServerSettings settings) {
        this.settings = settings;
    }

    /** Prepares the distribution, starts Keycloak and waits until its health endpoint says it is ready. */
    public static KeycloakServer start(ServerSettings settings) {
        KeycloakServer server = new KeycloakServer(settings);
        try {
            server.prepare();
            server.launch();
            server.process.awaitReady(URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready"),
                    STARTUP_TIMEOUT);
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public ServerSettings settings() {
        return settings;
    }

    /** The last lines Keycloak printed, for a failing test's report. */
    public List<String> logTail(int lines) {
        return process == null ? List.of() : process.logTail(lines);
    }

    /** Whether the Keycloak process still runs (false once killed or stopped). */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The Keycloak JVM's process id, for tools such as {@code jcmd}. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("Keycloak has not been started");
        }
        return process.jvmPid();
    }

    /** Blocks until Keycloak exits; returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private void prepare() throws IOException {
        Path home = settings.home();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home);
        }
        FileTrees.delete(home.resolve("data/h2"));
        Path imports = home.resolve("data/import");
        FileTrees.delete(imports);
        Files.createDirectories(imports);
        for (Path realm : settings.realmFiles()) {
            Files.copy(realm, imports.resolve(realm.getFileName()));
        }
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        List<Path> wanted = settings.providerJars().stream().map(jar -> providers.resolve(jar.getFileName())).toList();
        try (var old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                if (!wanted.contains(jar)) {
                    Files.delete(jar);
                }
            }
        }
        for (Path jar : settings.providerJars()) {
            // An unchanged jar keeps its file: an optimized start refuses a jar newer than the last build.
            Path target = providers.resolve(jar.getFileName());
            if (!Files.exists(target) || Files.mismatch(jar, target) != -1) {
                Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!settings.vaultFiles().isEmpty()) {
            FileTrees.delete(settings.vaultDir());
            for (Map.Entry<String, String> secret : settings.vaultFiles().entrySet()) {
                FileVault.write(settings.vaultDir().resolve(secret.getKey()), secret.getValue());
            }
        }
        Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
        if (settings.optimized()) {
            OptimizedBuild.runIfChanged(settings, script());
        }
    }

    private Path script() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        return settings.home().resolve(windows ? "bin/kc.bat" : "bin/kc.sh");
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        if (settings.optimized()) {
            // As the image runs, with plain HTTP on loopback in place of a TLS-terminating proxy.
            command.addAll(List.of("start", "--optimized", "--http-enabled=true",
                    "--hostname=" + settings.publicUrl()));
        } else {
            // Health and metrics on the management port, as the image has them (docker/keycloak.conf).
            command.addAll(List.of("start-dev", "--health-enabled=true", "--metrics-enabled=true"));
        }
        command.addAll(List.of("--http-host=" + settings.host(), "--http-port=" + settings.httpPort(),
                "--http-management-port=" + settings.managementPort(), "--import-realm"));
        if (!settings.vaultFiles().isEmpty()) {
            // The vault kind is a build option: the image's build (keycloak.conf) sets it, dev mode takes it here.
            if (!settings.optimized()) {
                command.add("--vault=file");
            }
            command.add("--vault-dir=" + settings.vaultDir().toAbsolutePath());
        }
        command.addAll(settings.extraArguments());
        return command;
    }

    private void launch() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());
        env.putAll(settings.environment());
        process = KeycloakProcess.start(command(), settings.home(), env, settings.logFile(), settings.echo());
    }

    /** Ends Keycloak at once with SIGKILL (kc.sh execs the JVM, so this is the Keycloak process), as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    /** Stops Keycloak gracefully (SIGTERM, which kc.sh forwards), forcibly after 30 seconds. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
