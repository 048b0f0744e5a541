package io.tes.keycloak.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One-shot {@code kc.sh} commands ({@code import}, {@code export}) on a distribution that no server is running
 * from. The distribution is built once with the dev-file database and the settings' provider jars, so each command
 * runs {@code --optimized} and opens no HTTP port. (In the dev profile, {@code kc.sh export} starts the HTTP server
 * on 8080 after exporting and keeps running.) Give it its own distribution: the commands share its database.
 */
public final class KeycloakCommands {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);

    private final ServerSettings settings;

    private KeycloakCommands(ServerSettings settings) {
        this.settings = settings;
    }

    /** Puts the provider jars in place, removes any database and runs {@code kc.sh build --db=dev-file}. */
    public static KeycloakCommands build(ServerSettings settings) {
        KeycloakCommands commands = new KeycloakCommands(settings);
        try {
            Path providers = settings.home().resolve("providers");
            Files.createDirectories(providers);
            for (Path jar : settings.providerJars()) {
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            Files.deleteIfExists(settings.logFile());
            commands.wipeDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commands.run("build", "--db=dev-file");
        return commands;
    }

    /** {@code kc.sh import --file}: realm placeholders such as {@code ${NAME}} are read from the settings' env. */
    public void importRealm(Path file) {
        run("import", "--optimized", "--file=" + file.toAbsolutePath());
    }

    /** {@code kc.sh export} of one realm, users in the same file. */
    public void exportRealm(String realm, Path file) {
        run("export", "--optimized", "--realm=" + realm, "--file=" + file.toAbsolutePath(), "--users=same_file");
    }

    /** Removes the dev-file database, so the next import starts from an empty server. */
    public void wipeDatabase() {
        try {
            FileTrees.delete(settings.home().resolve("data/h2"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(settings.home().resolve("bin/kc.sh").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(settings.environment());
        try {
            Files.writeString(settings.logFile(), "\n$ kc.sh " + String.join(" ", arguments) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh " + arguments[0] + " did not finish within " + COMMAND_TIMEOUT
                        + "; see " + settings.logFile());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kc.sh " + arguments[0] + " exited with " + process.exitValue()
                        + "; see " + settings.logFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while kc.sh " + arguments[0] + " ran", e);
        }
    }
}
