package io.tes.keycloak.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A stateful, in-memory WorkOS User Management API on loopback, for tests and local runs. Never shipped.
 *
 * <pre>{@code
 * try (WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0)) {
 *     workos.faults().set(Endpoint.AUTHENTICATE, Fault.status(503).times(1));
 *     ... point the pack at workos.baseUrl() ...
 *     assertThat(workos.calls().countGrant("password")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class WorkOsEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final EmulatorState state;
    private final Faults faults = new Faults();
    private final CallLog calls = new CallLog();

    private WorkOsEmulator(HttpServer server, ExecutorService executor, EmulatorState state) {
        this.server = server;
        this.executor = executor;
        this.state = state;
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static WorkOsEmulator start(Seed seed, int port) {
        return start(seed, "127.0.0.1", port);
    }

    /**
     * Starts on the given address ({@code 0.0.0.0} in a container, so other containers reach it); the base URL it
     * reports names 127.0.0.1 for a wildcard address.
     */
    public static WorkOsEmulator start(Seed seed, String host, int port) {
        EmulatorState state = new EmulatorState(seed);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "workos-emulator");
                thread.setDaemon(true);
                return thread;
            });
            WorkOsEmulator emulator = new WorkOsEmulator(server, executor, state);
            server.createContext("/", new Router(state, emulator.faults, emulator.calls));
            server.setExecutor(executor);
            server.start();
            String reported = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : host;
            state.baseUrl = "http://" + reported + ":" + server.getAddress().getPort();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the WorkOS emulator on port " + port, e);
        }
    }

    public String baseUrl() {
        return state.baseUrl;
    }

    /** Names another URL as this emulator's own (the tokens' issuer): the one clients reach it at. */
    void publicBaseUrl(String url) {
        state.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String apiKey() {
        return state.apiKey;
    }

    public String clientId() {
        return state.clientId;
    }

    public Faults faults() {
        return faults;
    }

    public CallLog calls() {
        return calls;
    }

    /** The password reset emails WorkOS would have sent, oldest first: {@code email} and {@code url}. */
    public List<Map<String, String>> outbox() {
        return List.copyOf(state.outbox);
    }

    /** Where reset emails point (the pack's reset page); {@code ?token=...} is appended. */
    /** Adds an organization at run time (test data beyond the seed). */
    public void addOrganization(String id, String name) {
        state.directory.addOrganization(new Directory.Organization(id, name));
    }

    /** Adds a user with a verified email and the given password; returns the new WorkOS user id. */
    public String addUser(String email, String password, String firstName, String lastName) {
        String id = state.directory.nextId("user");
        state.directory.addUser(new Directory.User(id, email, password, firstName, lastName, true, null, false,
                state.clock.now()));
        return id;
    }

    /**
     * Adds a user whose email WorkOS has not verified, in an environment that does not require verification (so
     * they can sign in, as users of such environments and users created by email only can).
     */
    public String addUnverifiedUser(String email, String password, String firstName, String lastName) {
        String id = state.directory.nextId("user");
        state.directory.addUser(new Directory.User(id, email, password, firstName, lastName, false, null, false,
                state.clock.now()));
        return id;
    }

    /** Changes a user's email, as WorkOS's Users API or dashboard can. */
    public void changeEmail(String userId, String email) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        user.email = email;
        user.updatedAt = state.clock.now();
    }

    /** Changes a user's first and last name (either may be null: no name), as WorkOS's Users API or dashboard can. */
    public void changeNames(String userId, String firstName, String lastName) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        user.firstName = firstName;
        user.lastName = lastName;
        user.updatedAt = state.clock.now();
    }

    /** Sets a user's locale (an IETF language tag such as {@code de-DE}, or null for none). */
    public void changeLocale(String userId, String locale) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        user.locale = locale;
        user.updatedAt = state.clock.now();
    }

    /** Makes a user a member of an organization with one role slug of the seed. */
    public void addMembership(String userId, String organizationId, String role) {
        state.directory.addMembership(userId, organizationId, List.of(role), state.clock.now());
    }

    public void passwordResetUrl(String url) {
        state.passwordResetUrl = url;
    }

    /** Moves the emulator's clock forward, to expire codes, pending tokens and reset tokens. */
    public void advanceClock(Duration duration) {
        state.clock.advance(duration);
    }

    /** Signs with a new key from now on; the old key stays in the JWKS. */
    public void rotateSigningKey() {
        state.keys.rotate();
    }

    public String currentKeyId() {
        return state.keys.currentKeyId();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
