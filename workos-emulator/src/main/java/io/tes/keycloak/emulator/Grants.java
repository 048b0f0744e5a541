package io.tes.keycloak.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived secrets the emulator hands out: authorization codes, pending authentication tokens, sessions with
 * their refresh tokens, and password reset tokens. Codes and pending tokens are single-use and expire.
 */
final class Grants {

    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final Duration PENDING_TTL = Duration.ofMinutes(10);
    static final Duration RESET_TTL = Duration.ofMinutes(30);

    /** {@code browser}: the hosted page's browser session the code was issued in; null for none. */
    record AuthorizationCode(String userId, String organizationId, String redirectUri, String codeChallenge,
            Instant expiresAt, String browser) {
    }

    /** What a pending authentication token waits for; each grant takes only its own kind. */
    enum Stage { ORGANIZATION_SELECTION, EMAIL_VERIFICATION, MFA, SSO }

    record Pending(String userId, Stage stage, List<String> organizationIds, String authenticationMethod,
            Instant expiresAt, String browser) {
    }

    /**
     * WorkOS's own browser session on the hosted page (its cookie): the user, and the sessions opened from codes
     * issued in it. It signs the browser in silently until it is logged out or one of its sessions is revoked.
     */
    private static final class BrowserSession {
        final String userId;
        final Set<String> sessionIds = ConcurrentHashMap.newKeySet();
        volatile boolean ended;

        BrowserSession(String userId) {
            this.userId = userId;
        }
    }

    record Session(String id, String userId, String organizationId, String authenticationMethod) {
    }

    record PasswordReset(String id, String userId, String email, String token, Instant createdAt,
            Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmulatorClock clock;
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, PasswordReset> resets = new ConcurrentHashMap<>();
    private final Map<String, BrowserSession> browsers = new ConcurrentHashMap<>();

    Grants(EmulatorClock clock) {
        this.clock = clock;
    }

    static String randomToken(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String issueCode(String userId, String organizationId, String redirectUri, String codeChallenge,
            String browser) {
        String code = randomToken("code_");
        codes.put(code, new AuthorizationCode(userId, organizationId, redirectUri, codeChallenge,
                clock.now().plus(CODE_TTL), browser));
        return code;
    }

    /** Takes the code out, so a second exchange fails; empty when unknown, used or expired. */
    Optional<AuthorizationCode> redeemCode(String code) {
        AuthorizationCode found = code == null ? null : codes.remove(code);
        return Optional.ofNullable(found).filter(c -> clock.now().isBefore(c.expiresAt()));
    }

    String issuePending(String userId, Stage stage, List<String> organizationIds, String authenticationMethod) {
        return issuePending(userId, stage, organizationIds, authenticationMethod, null);
    }

    String issuePending(String userId, Stage stage, List<String> organizationIds, String authenticationMethod,
            String browser) {
        String token = randomToken("");
        pending.put(token, new Pending(userId, stage, List.copyOf(organizationIds), authenticationMethod,
                clock.now().plus(PENDING_TTL), browser));
        return token;
    }

    /** The pending authentication of a token waiting for this stage; empty when unknown, used or expired. */
    Optional<Pending> peekPending(String token, Stage stage) {
        Pending found = token == null ? null : pending.get(token);
        return Optional.ofNullable(found).filter(p -> p.stage() == stage && clock.now().isBefore(p.expiresAt()));
    }

    /** False when another exchange took the token first. */
    boolean consumePending(String token) {
        return pending.remove(token) != null;
    }

    Session openSession(String userId, String organizationId, String authenticationMethod) {
        return openSession(userId, organizationId, authenticationMethod, null);
    }

    /** A new session; opened from a code of the hosted page, it belongs to that browser session. */
    Session openSession(String userId, String organizationId, String authenticationMethod, String browser) {
        Session session = new Session(randomToken("session_"), userId, organizationId, authenticationMethod);
        sessions.put(session.id(), session);
        BrowserSession owner = browser == null ? null : browsers.get(browser);
        if (owner != null) {
            owner.sessionIds.add(session.id());
        }
        return session;
    }

    /** A new browser session of the hosted page for the user; its key is the cookie's value. */
    String openBrowserSession(String userId) {
        String key = randomToken("browser_");
        browsers.put(key, new BrowserSession(userId));
        return key;
    }

    /**
     * The user a browser session signs in silently: empty when the key is unknown, the browser session was logged
     * out, or a session opened in it was revoked or ended.
     */
    Optional<String> browserUser(String key) {
        BrowserSession browser = key == null ? null : browsers.get(key);
        if (browser == null || browser.ended || !sessions.keySet().containsAll(browser.sessionIds)) {
            return Optional.empty();
        }
        return Optional.of(browser.userId);
    }

    void endBrowserSession(String key) {
        BrowserSession browser = key == null ? null : browsers.remove(key);
        if (browser != null) {
            browser.ended = true;
        }
    }

    List<String> liveSessionsOf(String userId) {
        return sessions.values().stream().filter(session -> session.userId().equals(userId)).map(Session::id)
                .sorted().toList();
    }

    /** Whether the session is live (not revoked, logged out or ended by a password reset). */
    boolean sessionLive(String sessionId) {
        return sessionId != null && sessions.containsKey(sessionId);
    }

    String issueRefreshToken(Session session) {
        String token = randomToken("rt_");
        refreshTokens.put(token, session.id());
        return token;
    }

    /** The session of a refresh token; empty when unknown, already used or its session ended. */
    Optional<Session> peekRefreshToken(String token) {
        String sessionId = token == null ? null : refreshTokens.get(token);
        return Optional.ofNullable(sessionId).map(sessions::get);
    }

    /** Refresh tokens rotate: each is good for one exchange. */
    boolean consumeRefreshToken(String token) {
        return refreshTokens.remove(token) != null;
    }

    Session switchOrganization(Session session, String organizationId) {
        Session switched = new Session(session.id(), session.userId(), organizationId,
                session.authenticationMethod());
        sessions.put(switched.id(), switched);
        return switched;
    }

    /** Ends the session and its refresh tokens; false when it was unknown or had ended already. */
    boolean endSession(String sessionId) {
        if (sessionId != null && sessions.remove(sessionId) != null) {
            refreshTokens.values().removeIf(sessionId::equals);
            browsers.values().stream().filter(browser -> browser.sessionIds.contains(sessionId))
                    .forEach(browser -> browser.ended = true);
            return true;
        }
        return false;
    }

    void endSessionsOf(String userId) {
        sessions.values().stream().filter(session -> session.userId().equals(userId)).map(Session::id)
                .toList().forEach(this::endSession);
    }

    PasswordReset createReset(String id, String userId, String email) {
        Instant now = clock.now();
        PasswordReset reset = new PasswordReset(id, userId, email, randomToken(""), now, now.plus(RESET_TTL));
        resets.put(reset.token(), reset);
        return reset;
    }

    Optional<PasswordReset> redeemReset(String token) {
        PasswordReset found = token == null ? null : resets.remove(token);
        return Optional.ofNullable(found).filter(r -> clock.now().isBefore(r.expiresAt()));
    }

    Instant now() {
        return clock.now();
    }
}
