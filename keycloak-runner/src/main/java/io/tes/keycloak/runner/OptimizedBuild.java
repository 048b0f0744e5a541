package io.tes.keycloak.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code kc.sh build} step of optimized mode, skipped when nothing it depends on changed. */
final class OptimizedBuild {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final String BUILD_FINGERPRINT = "conf/tes-build.fingerprint";

    private OptimizedBuild() {
    }

    /**
     * Runs {@code kc.sh build} with the build options as {@code conf/keycloak.conf}, as the Dockerfile does, unless
     * the options and the providers are those of the last build (a restart need not rebuild).
     */
    static void runIfChanged(ServerSettings settings, Path script) throws IOException {
        Path home = settings.home();
        Files.copy(settings.buildOptions(), home.resolve("conf/keycloak.conf"), StandardCopyOption.REPLACE_EXISTING);
        String fingerprint = fingerprint(home);
        Path marker = home.resolve(BUILD_FINGERPRINT);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)
                && !providerNewerThan(settings, Files.getLastModifiedTime(marker))) {
            return;
        }
        Files.deleteIfExists(marker);
        Path buildLog = settings.logFile().resolveSibling(settings.logFile().getFileName() + ".build");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "build").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(buildLog.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = builder.start();
        try {
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.descendants().forEach(ProcessHandle::destroyForcibly);
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build took longer than " + BUILD_TIMEOUT + "; see " + buildLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            build.destroyForcibly();
            throw new IllegalStateException("Interrupted during kc.sh build", e);
        }
        if (build.exitValue() != 0) {
            List<String> lines = Files.readAllLines(buildLog, StandardCharsets.UTF_8);
            throw new IllegalStateException("kc.sh build failed with code " + build.exitValue() + "; its log is "
                    + buildLog + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        Files.writeString(marker, fingerprint);
    }

    /** Keycloak refuses an optimized start when a provider jar's file is newer than its last build. */
    private static boolean providerNewerThan(ServerSettings settings, FileTime built) throws IOException {
        try (var jars = Files.list(settings.home().resolve("providers"))) {
            for (Path jar : jars.toList()) {
                if (Files.getLastModifiedTime(jar).compareTo(built) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SHA-256 over the build options and the providers' jars: what a {@code kc.sh build} depends on here. */
    private static String fingerprint(Path home) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256", e);
        }
        digest.update(Files.readAllBytes(home.resolve("conf/keycloak.conf")));
        try (var jars = Files.list(home.resolve("providers"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                digest.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(jar));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
