package io.tes.keycloak.workos.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.client.HttpClient;
import org.jboss.logging.Logger;

/**
 * The WorkOS User Management API over Keycloak's HTTP client. Reads (GET) are retried on 429, 5xx and network
 * errors with a short backoff that honours {@code Retry-After}; exchanges of codes, passwords, pending tokens and
 * refresh tokens, and user creation, are never retried (they are single-use or rate-limited per email).
 * Redirects are never followed and answers are size-capped ({@link WorkOsHttp}); membership listings stop after
 * {@link #MAX_MEMBERSHIP_PAGES} pages. Nothing secret is logged.
 */
public final class WorkOsClient {

    /** Sleeps between read attempts; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final String ORGANIZATION_SELECTION_GRANT = "urn:workos:oauth:grant-type:organization-selection";
    static final String EMAIL_VERIFICATION_GRANT = "urn:workos:oauth:grant-type:email-verification:code";
    static final String MFA_TOTP_GRANT = "urn:workos:oauth:grant-type:mfa-totp";
    /** WorkOS's largest page of organization memberships. */
    static final int MEMBERSHIP_PAGE_SIZE = 100;
    /**
     * A listing reads at most this many pages (1,000 memberships), so a login never pages on without end, whatever
     * the cursor says; a user in more organizations sees the first 1,000 and the server log says so.
     */
    static final int MAX_MEMBERSHIP_PAGES = 10;
    /** WorkOS's largest page of events. */
    public static final int EVENT_PAGE_SIZE = 100;
    private static final Logger LOG = Logger.getLogger(WorkOsClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** A login must not hang: a Retry-After longer than this fails the read at once instead. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final WorkOsHttp http;
    private final WorkOsSettings settings;
    private final Sleeper sleeper;

    public WorkOsClient(HttpClient http, WorkOsSettings settings) {
        this(http, settings, duration -> Thread.sleep(duration.toMillis()));
    }

    public WorkOsClient(HttpClient http, WorkOsSettings settings, Sleeper sleeper) {
        this(http, settings, new WorkOsGuard(String.valueOf(settings.clientId()), WorkOsLimits.DEFAULT),
                WorkOsDeadline.NONE, sleeper);
    }

    /**
     * A client that shares this node's bulkhead and circuit for that WorkOS connection and limits
     * ({@link WorkOsGuards}) and spends at most what is left of {@code deadline}.
     */
    public WorkOsClient(HttpClient http, WorkOsSettings settings, WorkOsLimits limits, WorkOsDeadline deadline) {
        this(http, settings, WorkOsGuards.of(settings, limits), deadline,
                duration -> Thread.sleep(duration.toMillis()));
    }

    WorkOsClient(HttpClient http, WorkOsSettings settings, WorkOsGuard guard, WorkOsDeadline deadline,
            Sleeper sleeper) {
        this.http = new WorkOsHttp(http, settings, guard, deadline);
        this.settings = settings;
        this.sleeper = sleeper;
    }

    public WorkOsSettings settings() {
        return settings;
    }

    public Authentication authenticateWithPassword(String email, String password, String ipAddress,
            String userAgent) throws WorkOsException {
        Map<String, Object> body = grant("password", ipAddress, userAgent);
        body.put("email", email);
        body.put("password", password);
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    public Authentication authenticateWithCode(String code, String codeVerifier, String ipAddress, String userAgent)
            throws WorkOsException {
        Map<String, Object> body = grant("authorization_code", ipAddress, userAgent);
        body.put("code", code);
        if (codeVerifier != null) {
            body.put("code_verifier", codeVerifier);
        }
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    /** Refreshes a WorkOS session; with an organization id, switches the session to that organization. */
    public Authentication authenticateWithRefreshToken(String refreshToken, String organizationId)
            throws WorkOsException {
        Map<String, Object> body = grant("refresh_token", null, null);
        body.put("refresh_token", refreshToken);
        if (organizationId != null) {
            body.put("organization_id", organizationId);
        }
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    public Authentication completeOrganizationSelection(String pendingToken, String organizationId,
            String ipAddress, String userAgent) throws WorkOsException {
        Map<String, Object> body = grant(ORGANIZATION_SELECTION_GRANT, ipAddress, userAgent);
        body.put("pending_authentication_token", pendingToken);
        body.put("organization_id", organizationId);
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    /** Finishes {@code email_verification_required} with the code WorkOS emailed; the email is then verified. */
    public Authentication completeEmailVerification(String pendingToken, String code, String ipAddress,
            String userAgent) throws WorkOsException {
        Map<String, Object> body = grant(EMAIL_VERIFICATION_GRANT, ipAddress, userAgent);
        body.put("code", code);
        body.put("pending_authentication_token", pendingToken);
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    /** Finishes {@code mfa_challenge} or {@code mfa_enrollment} with the TOTP code for that challenge. */
    public Authentication completeTotp(String pendingToken, String challengeId, String code, String ipAddress,
            String userAgent) throws WorkOsException {
        Map<String, Object> body = grant(MFA_TOTP_GRANT, ipAddress, userAgent);
        body.put("code", code);
        body.put("pending_authentication_token", pendingToken);
        body.put("authentication_challenge_id", challengeId);
        return WorkOsResponses.authentication(post("/user_management/authenticate", body));
    }

    /** Asks WorkOS to email the user a new verification code. Not retried: each call sends an email. */
    public void sendVerificationEmail(String userId) throws WorkOsException {
        post("/user_management/users/" + pathSegment(userId) + "/email_verification/send", Map.of());
    }

    /**
     * Enrolls a TOTP factor for the user ({@code mfa_enrollment}); {@code issuer} and {@code accountName} are what
     * the authenticator app shows. Not retried: a retry could enroll a second factor.
     */
    public TotpEnrollment enrollTotp(String userId, String issuer, String accountName) throws WorkOsException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "totp");
        if (issuer != null) {
            body.put("totp_issuer", issuer);
        }
        if (accountName != null) {
            body.put("totp_user", accountName);
        }
        return WorkOsResponses.totpEnrollment(post("/user_management/users/" + pathSegment(userId)
                + "/auth_factors", body));
    }

    /** Challenges one of the user's factors ({@code mfa_challenge}); the challenge's id finishes the sign-in. */
    public String challengeFactor(String factorId) throws WorkOsException {
        return WorkOsResponses.required(post("/auth/factors/" + pathSegment(factorId) + "/challenge", Map.of()),
                "id");
    }

    public WorkOsUser createUser(String email, String password, String firstName, String lastName,
            boolean emailVerified) throws WorkOsException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("first_name", firstName);
        body.put("last_name", lastName);
        body.put("email_verified", emailVerified);
        return WorkOsResponses.user(post("/user_management/users", body));
    }

    public WorkOsUser getUser(String userId) throws WorkOsException {
        return WorkOsResponses.user(get("/user_management/users/" + pathSegment(userId), Map.of()));
    }

    /**
     * The user's active memberships, following the list's {@code after} cursor for at most
     * {@link #MAX_MEMBERSHIP_PAGES} pages.
     */
    public List<WorkOsMembership> memberships(String userId) throws WorkOsException {
        List<WorkOsMembership> memberships = new ArrayList<>();
        String after = null;
        for (int page = 1; page <= MAX_MEMBERSHIP_PAGES; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user_id", userId);
            params.put("statuses", "active");
            params.put("limit", String.valueOf(MEMBERSHIP_PAGE_SIZE));
            if (after != null) {
                params.put("after", after);
            }
            JsonNode answer = get("/user_management/organization_memberships", params);
            for (JsonNode item : answer.path("data")) {
                memberships.add(WorkOsResponses.membership(item));
            }
            JsonNode next = answer.path("list_metadata").path("after");
            after = next.isNull() || next.asText().isEmpty() ? null : next.asText();
            if (after == null) {
                return memberships;
            }
        }
        LOG.warnf("WorkOS lists more than %d pages of memberships for user %s; using the first %d memberships",
                MAX_MEMBERSHIP_PAGES, userId, memberships.size());
        return memberships;
    }

    /** The organization's name at WorkOS ({@code GET /organizations/{id}}); null when WorkOS gives none. */
    public String organizationName(String organizationId) throws WorkOsException {
        JsonNode organization = get("/organizations/" + pathSegment(organizationId), Map.of());
        JsonNode name = organization.path("name");
        return name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
    }

    public PasswordReset createPasswordReset(String email) throws WorkOsException {
        return WorkOsResponses.passwordReset(post("/user_management/password_reset", Map.of("email", email)));
    }

    public WorkOsUser confirmPasswordReset(String token, String newPassword) throws WorkOsException {
        return WorkOsResponses.user(post("/user_management/password_reset/confirm",
                Map.of("token", token, "new_password", newPassword)).path("user"));
    }

    /**
     * Ends a WorkOS session ({@code sid} of its access token): its refresh tokens stop working and its browser
     * session no longer signs in silently. Retried like a read: revoking is idempotent, so a second attempt after a
     * lost answer does no harm, and a logout should not leave a WorkOS session alive over one dropped connection;
     * the same bounds hold (attempts, backoff at most {@code MAX_BACKOFF}). WorkOS answering "not found" (the session
     * ended already: revoked, expired, logged out) is success.
     *
     * @return false when WorkOS no longer knew the session
     */
    public boolean revokeSession(String sessionId) throws WorkOsException {
        Map<String, Object> body = Map.of("session_id", sessionId);
        try {
            withRetries("/user_management/sessions/revoke",
                    () -> http.postAcknowledged("/user_management/sessions/revoke", body));
            return true;
        } catch (WorkOsException e) {
            if (e.error() == WorkOsError.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The JWKS that signs WorkOS access tokens, as JSON. */
    public JsonNode jwks() throws WorkOsException {
        return get("/sso/jwks/" + pathSegment(settings.clientId()), Map.of());
    }

    private Map<String, Object> grant(String grantType, String ipAddress, String userAgent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", settings.clientId());
        body.put("client_secret", settings.apiKey());
        body.put("grant_type", grantType);
        if (ipAddress != null) {
            body.put("ip_address", ipAddress);
        }
        if (userAgent != null) {
            body.put("user_agent", userAgent);
        }
        return body;
    }

    private JsonNode post(String path, Object body) throws WorkOsException {
        return http.post(path, body);
    }

    /**
     * One page of WorkOS events of these types after the event id {@code after} (null: from {@code since}, the
     * oldest WorkOS keeps when that is null too), oldest first, at most {@link #EVENT_PAGE_SIZE}.
     */
    public WorkOsEventPage events(String after, List<String> types, Instant since) throws WorkOsException {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        types.forEach(type -> params.add(Map.entry("events[]", type)));
        params.add(Map.entry("limit", String.valueOf(EVENT_PAGE_SIZE)));
        if (after != null) {
            params.add(Map.entry("after", after));
        } else if (since != null) {
            params.add(Map.entry("range_start", since.toString()));
        }
        JsonNode answer = get("/events", params);
        if (!answer.path("data").isArray()) {
            throw WorkOsResponses.malformed("events", "data");
        }
        List<WorkOsEvent> events = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            events.add(WorkOsResponses.event(item));
        }
        JsonNode next = answer.path("list_metadata").path("after");
        return new WorkOsEventPage(events, next.isTextual() && !next.asText().isEmpty() ? next.asText() : null);
    }

    @FunctionalInterface
    private interface Call {
        JsonNode send() throws WorkOsException;
    }

    private JsonNode get(String path, Map<String, String> params) throws WorkOsException {
        return get(path, List.copyOf(params.entrySet()));
    }

    private JsonNode get(String path, List<Map.Entry<String, String>> params) throws WorkOsException {
        return withRetries(path, () -> http.get(path, params));
    }

    /** An idempotent call, retried on 429, 5xx and network errors with a short backoff. */
    private JsonNode withRetries(String path, Call call) throws WorkOsException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.send();
            } catch (WorkOsException e) {
                Duration wait = e.retryAfterSeconds() > 0 ? Duration.ofSeconds(e.retryAfterSeconds())
                        : FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                if (!e.error().transientFailure() || attempt >= settings.readAttempts()
                        || wait.compareTo(MAX_BACKOFF) > 0 || wait.compareTo(http.deadline().remaining()) >= 0) {
                    throw e;
                }
                LOG.debugf("WorkOS %s failed with %s (attempt %d), retrying in %d ms", path, e.error().code(),
                        attempt, wait.toMillis());
                pause(wait, e);
            }
        }
    }

    private void pause(Duration wait, WorkOsException cause) throws WorkOsException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static String pathSegment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
