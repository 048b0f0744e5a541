package io.tes.keycloak.workos.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.client.HttpClient;
import org.apache.http.client.config.RequestConfig;
import org.jboss.logging.Logger;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;

/**
 * The WorkOS User Management API over Keycloak's HTTP client. Reads (GET) are retried on 429, 5xx and network
 * errors with a short backoff that honours {@code Retry-After}; exchanges of codes, passwords, pending tokens and
 * refresh tokens, and user creation, are never retried (they are single-use or rate-limited per email).
 * Nothing secret is logged.
 */
public final class WorkOsClient {

    /** Sleeps between read attempts; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final String ORGANIZATION_SELECTION_GRANT = "urn:workos:oauth:grant-type:organization-selection";
    private static final Logger LOG = Logger.getLogger(WorkOsClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** A login must not hang: a Retry-After longer than this fails the read at once instead. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final HttpClient http;
    private final WorkOsSettings settings;
    private final RequestConfig requestConfig;
    private final Sleeper sleeper;

    public WorkOsClient(HttpClient http, WorkOsSettings settings) {
        this(http, settings, duration -> Thread.sleep(duration.toMillis()));
    }

    public WorkOsClient(HttpClient http, WorkOsSettings settings, Sleeper sleeper) {
        this.http = http;
        this.settings = settings;
        this.sleeper = sleeper;
        this.requestConfig = RequestConfig.custom()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                .setSocketTimeout((int) settings.readTimeout().toMillis())
                .build();
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

    /** Every active membership of the user, following the list's {@code after} cursor. */
    public List<WorkOsMembership> memberships(String userId) throws WorkOsException {
        List<WorkOsMembership> memberships = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user_id", userId);
            params.put("statuses", "active");
            params.put("limit", "100");
            if (after != null) {
                params.put("after", after);
            }
            JsonNode page = get("/user_management/organization_memberships", params);
            for (JsonNode item : page.path("data")) {
                memberships.add(WorkOsResponses.membership(item));
            }
            JsonNode next = page.path("list_metadata").path("after");
            after = next.isNull() || next.asText().isEmpty() ? null : next.asText();
        } while (after != null);
        return memberships;
    }

    public PasswordReset createPasswordReset(String email) throws WorkOsException {
        return WorkOsResponses.passwordReset(post("/user_management/password_reset", Map.of("email", email)));
    }

    public WorkOsUser confirmPasswordReset(String token, String newPassword) throws WorkOsException {
        return WorkOsResponses.user(post("/user_management/password_reset/confirm",
                Map.of("token", token, "new_password", newPassword)).path("user"));
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
        return call(path, SimpleHttp.create(http).withRequestConfig(requestConfig)
                .doPost(settings.baseUrl() + path).json(body));
    }

    private JsonNode get(String path, Map<String, String> params) throws WorkOsException {
        for (int attempt = 1; ; attempt++) {
            SimpleHttpRequest request = SimpleHttp.create(http).withRequestConfig(requestConfig)
                    .doGet(settings.baseUrl() + path);
            params.forEach(request::param);
            try {
                return call(path, request);
            } catch (WorkOsException e) {
                Duration wait = e.retryAfterSeconds() > 0 ? Duration.ofSeconds(e.retryAfterSeconds())
                        : FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                if (!e.error().transientFailure() || attempt >= settings.readAttempts()
                        || wait.compareTo(MAX_BACKOFF) > 0) {
                    throw e;
                }
                LOG.debugf("WorkOS %s failed with %s (attempt %d), retrying in %d ms", path, e.error().code(),
                        attempt, wait.toMillis());
                pause(wait, e);
            }
        }
    }

    private JsonNode call(String path, SimpleHttpRequest request) throws WorkOsException {
        request.header("Authorization", "Bearer " + settings.apiKey()).acceptJson();
        try (SimpleHttpResponse response = request.asResponse()) {
            int status = response.getStatus();
            String raw = response.asString();
            JsonNode body = parse(raw);
            if (status / 100 == 2) {
                if (body == null || !body.isObject()) {
                    throw new WorkOsException(WorkOsError.MALFORMED_RESPONSE, status,
                            path + " answered " + status + " with a body that is not a JSON object", null);
                }
                return body;
            }
            throw WorkOsResponses.error(path, status, body, retryAfter(response));
        } catch (InterruptedIOException e) {
            throw new WorkOsException(WorkOsError.TIMEOUT, 0, path + " timed out", e);
        } catch (IOException e) {
            throw new WorkOsException(WorkOsError.CONNECTION_FAILED, 0,
                    path + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static long retryAfter(SimpleHttpResponse response) throws IOException {
        String value = response.getFirstHeader("Retry-After");
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: treat as "later than we wait for".
            return Long.MAX_VALUE / 1000;
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
