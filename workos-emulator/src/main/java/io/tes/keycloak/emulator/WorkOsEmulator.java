package io.tes.keycloak.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
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
    private final LifecycleApi lifecycle;

    private WorkOsEmulator(HttpServer server, ExecutorService executor, EmulatorState state) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        this.lifecycle = new LifecycleApi(state);
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

    /**
     * The emails WorkOS would have sent, oldest first. Each has {@code kind}, {@code to}, {@code email} (the same
     * address) and {@code sent_at}; a {@code password_reset} has the {@code url}, an {@code email_verification} the
     * six-digit {@code code} and its {@code email_verification_id}.
     */
    public List<Map<String, String>> outbox() {
        return List.copyOf(state.outbox);
    }

    /** The code of the newest email verification email sent to this address; fails when none was sent. */
    public String latestEmailVerificationCode(String email) {
        List<Map<String, String>> mails = outbox();
        for (int i = mails.size() - 1; i >= 0; i--) {
            Map<String, String> mail = mails.get(i);
            if ("email_verification".equals(mail.get("kind")) && email.equalsIgnoreCase(mail.get("to"))) {
                return mail.get("code");
            }
        }
        throw new IllegalStateException("No email verification code was sent to " + email);
    }

    /**
     * The environment's "email verification" setting (WorkOS's default is on; a seed without {@code settings} turns
     * it off): a password sign-in of a user whose email is not verified must then verify it with an emailed code.
     */
    public void emailVerificationRequired(boolean required) {
        state.emailVerificationRequired = required;
    }

    public boolean emailVerificationRequired() {
        return state.emailVerificationRequired;
    }

    /** The environment's "require MFA" setting: a password sign-in must then enroll or pass a TOTP factor. */
    public void mfaRequired(boolean required) {
        state.mfaRequired = required;
    }

    public boolean mfaRequired() {
        return state.mfaRequired;
    }

    /** The emulator's current time ({@link #advanceClock} moves it): what {@link Totp#code} should be given. */
    public Instant now() {
        return state.clock.now();
    }

    /** Adds an organization at run time (test data beyond the seed). */
    public void addOrganization(String id, String name) {
        state.directory.addOrganization(new Directory.Organization(id, name));
    }

    /**
     * Adds a user with a verified email and the given password; returns the new WorkOS user id. First and last name
     * may be null.
     */
    public String addUser(String email, String password, String firstName, String lastName) {
        return add(email, password, firstName, lastName, true);
    }

    /**
     * Adds a user whose email WorkOS has not verified (first and last name may be null). While
     * {@link #emailVerificationRequired()} is on, their password sign-in answers {@code email_verification_required};
     * turn it off to model an environment where such users sign in unverified.
     */
    public String addUnverifiedUser(String email, String password, String firstName, String lastName) {
        return add(email, password, firstName, lastName, false);
    }

    private String add(String email, String password, String firstName, String lastName, boolean verified) {
        String id = state.directory.nextId("user");
        state.directory.addUser(new Directory.User(id, email, password, firstName, lastName, verified, null,
                state.clock.now()));
        return id;
    }

    /** Gives a user a TOTP factor with this base32 secret (as if enrolled); returns the factor id. */
    public String addTotpFactor(String userId, String base32Secret) {
        Directory.User user = state.directory.user(userId).orElseThrow(
                () -> new IllegalArgumentException("No such user: " + userId));
        return state.factors.enroll(state.directory.nextId("auth_factor"), user.id, base32Secret,
                SecondSteps.DEFAULT_ISSUER, user.email, state.clock.now()).id;
    }

    /**
     * Sets a user's locale (a BCP 47 tag such as {@code de-DE}), or clears it with null; records
     * {@code user.updated}.
     */
    public void locale(String userId, String locale) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        synchronized (state.directory) {
            user.locale = locale;
            user.updatedAt = state.clock.now();
        }
        state.events.record(LifecycleApi.USER_UPDATED, state.user(user));
    }

    /** Changes a user's email, as WorkOS's Users API or dashboard can; records {@code user.updated}. */
    public void changeEmail(String userId, String email) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        user.email = email;
        user.updatedAt = state.clock.now();
        state.events.record(LifecycleApi.USER_UPDATED, state.user(user));
    }

    /**
     * Changes a user's first and last name (either may be null: no name), as WorkOS's Users API or dashboard can;
     * records {@code user.updated}.
     */
    public void changeNames(String userId, String firstName, String lastName) {
        Directory.User user = state.directory.user(userId).orElseThrow();
        user.firstName = firstName;
        user.lastName = lastName;
        user.updatedAt = state.clock.now();
        state.events.record(LifecycleApi.USER_UPDATED, state.user(user));
    }

    /**
     * Makes a user a member of an organization with one role slug of the seed (id {@code om_<user>_<organization>});
     * records {@code organization_membership.created}.
     */
    public void addMembership(String userId, String organizationId, String role) {
        state.directory.addMembership(userId, organizationId, List.of(role), state.clock.now());
        state.events.record(LifecycleApi.MEMBERSHIP_CREATED,
                state.membership(state.directory.membership(userId, organizationId).orElseThrow()));
    }

    /** Deletes a user and their memberships (events for each membership, then {@code user.deleted}). */
    public void deleteUser(String userId) {
        lifecycle.deleteUser(userId).orElseThrow(() -> new IllegalArgumentException("No such user: " + userId));
    }

    /** Ends a user's membership of an organization; records {@code organization_membership.deleted}. */
    public void removeMembership(String userId, String organizationId) {
        lifecycle.deleteMembership(membershipId(userId, organizationId));
    }

    /** Gives a membership this one role instead of its roles; records {@code organization_membership.updated}. */
    public void changeMembershipRole(String userId, String organizationId, String role) {
        lifecycle.changeRoles(membershipId(userId, organizationId), List.of(role));
    }

    /** Renames an organization; records {@code organization.updated}. */
    public void renameOrganization(String organizationId, String name) {
        lifecycle.renameOrganization(organizationId, name)
                .orElseThrow(() -> new IllegalArgumentException("No such organization: " + organizationId));
    }

    /** Deletes an organization: its memberships' events, then {@code organization.deleted}. */
    public void deleteOrganization(String organizationId) {
        lifecycle.deleteOrganization(organizationId)
                .orElseThrow(() -> new IllegalArgumentException("No such organization: " + organizationId));
    }

    /** Every event recorded so far, oldest first, as {@code GET /events} shows them. */
    public List<Map<String, Object>> events() {
        return state.events.all();
    }

    /** The id of the newest event of this type; fails when there is none. */
    public String latestEventId(String type) {
        List<Map<String, Object>> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (type.equals(all.get(i).get("event"))) {
                return (String) all.get(i).get("id");
            }
        }
        throw new IllegalStateException("No " + type + " event was recorded");
    }

    /**
     * Posts every later event to this URL with a {@code WorkOS-Signature} made with this secret (WorkOS's webhook
     * endpoint); a null URL stops deliveries.
     */
    public void webhook(String url, String secret) {
        state.events.webhook(url, secret);
    }

    /** Posts a recorded event to the webhook again, as WorkOS's dashboard can resend one. */
    public void redeliver(String eventId) {
        state.events.redeliver(eventId);
    }

    /** Webhook deliveries so far, oldest first: event id and the status the receiver answered (0: not reached). */
    public List<Map<String, Object>> webhookDeliveries() {
        return state.events.deliveries().stream().map(delivery -> Json.object("event_id", delivery.eventId(),
                "status", delivery.status(), "at", delivery.at().toString())).toList();
    }

    /** The {@code WorkOS-Signature} header WorkOS would send for this body at this time (tests forge others). */
    public static String webhookSignature(String secret, long timestampMillis, byte[] body) {
        return EventLog.signature(secret, timestampMillis, body);
    }

    private String membershipId(String userId, String organizationId) {
        return state.directory.membership(userId, organizationId).map(Directory.Membership::id).orElseThrow(
                () -> new IllegalArgumentException("No membership of " + userId + " in " + organizationId));
    }

    public void passwordResetUrl(String url) {
        state.passwordResetUrl = url;
    }

    /** Moves the emulator's clock forward, to expire codes, pending tokens and reset tokens. */
    public void advanceClock(Duration duration) {
        state.clock.advance(duration);
    }

    /** Signs with a new key from now on; the old key stays in the JWKS. */
    /** Whether WorkOS's session with this id lives: not revoked, logged out or ended by a password reset. */
    public boolean sessionLive(String sessionId) {
        return state.grants.sessionLive(sessionId);
    }

    /** The ids of the user's live WorkOS sessions. */
    public List<String> liveSessionsOf(String userId) {
        return state.grants.liveSessionsOf(userId);
    }

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
        state.events.close();
    }
}
