package io.tes.keycloak.it;

import static io.tes.keycloak.it.WorkOsDirectory.createWorkOsUser;
import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.CallLog;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failures counted per email before WorkOS is asked, for WorkOS users Keycloak does not know yet (Keycloak's own
 * brute-force detector counts only its users). A realm of its own with short waits and no quick-login check, so the
 * numbers are exact and the shared tes realm never locks for other tests; its emails are its own WorkOS users.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("Throttling WorkOS sign-ins before WorkOS is asked")
class WorkOsThrottleIT {

    private static final String REALM = "tes-throttle";
    private static final String BACKEND = "throttle-backend";
    private static final String WEB = "throttle-web";
    private static final String SECRET = "throttle-" + UUID.randomUUID();
    private static final int FAILURE_FACTOR = 3;
    private static final int WAIT_SECONDS = 4;
    private static final String PASSWORD = "Throttle-pass-1!";
    private static final String WRONG = "Wrong-pass-1!";

    @BeforeAll
    static void createRealm() throws Exception {
        TestEnvironment env = TesKeycloak.env();
        env.admin.delete("/realms/" + REALM);
        HttpResponse<String> created = env.admin.post("/realms", Map.ofEntries(
                entry("realm", REALM), entry("enabled", true), entry("eventsEnabled", true),
                entry("loginTheme", "tes"),
                entry("bruteForceProtected", true), entry("permanentLockout", false),
                entry("failureFactor", FAILURE_FACTOR), entry("waitIncrementSeconds", WAIT_SECONDS),
                entry("maxFailureWaitSeconds", WAIT_SECONDS), entry("quickLoginCheckMilliSeconds", 0),
                entry("minimumQuickLoginWaitSeconds", WAIT_SECONDS), entry("maxDeltaTimeSeconds", 600),
                entry("browserFlow", "throttle browser"), entry("directGrantFlow", "throttle direct grant"),
                entry("authenticationFlows", List.of(flow("throttle browser", "tes-workos-password-form"),
                        flow("throttle direct grant", "tes-workos-direct-grant"))),
                entry("identityProviders", List.of(Map.of("alias", "workos", "providerId", "workos", "enabled", true,
                        "config", Map.of("clientId", env.workos.clientId(), "clientSecret", env.workos.apiKey(),
                                "apiBaseUrl", env.workos.baseUrl())))),
                entry("clients", List.of(
                        Map.of("clientId", BACKEND, "publicClient", false, "secret", SECRET,
                                "standardFlowEnabled", false, "directAccessGrantsEnabled", true),
                        Map.of("clientId", WEB, "publicClient", true, "standardFlowEnabled", true,
                                "redirectUris", List.of(Oidc.REDIRECT_URI),
                                "attributes", Map.of("pkce.code.challenge.method", "S256"))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static Map<String, Object> flow(String alias, String step) {
        return Map.of("alias", alias, "providerId", "basic-flow", "topLevel", true, "builtIn", false,
                "authenticationExecutions", List.of(Map.of("authenticator", step, "requirement", "REQUIRED",
                        "priority", 10, "authenticatorFlow", false, "userSetupAllowed", false)));
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + REALM);
    }

    private static Oidc oidc() {
        return new Oidc(TesKeycloak.env().keycloak.realmUrl(REALM));
    }

    private static HttpResponse<String> passwordGrant(String email, String password) throws Exception {
        return oidc().token(Map.of("grant_type", "password", "client_id", BACKEND, "client_secret", SECRET,
                "username", email, "password", password, "scope", "openid"));
    }

    private static String oauthError(HttpResponse<String> response) throws Exception {
        return KeycloakAdmin.MAPPER.readTree(response.body()).path("error").asText();
    }

    private static CallLog workOsCalls() {
        return TesKeycloak.env().workos.calls();
    }

    private static JsonNode latestEvent(String type, String email) throws Exception {
        JsonNode events = TesKeycloak.env().admin.get("/realms/" + REALM + "/events?type=" + type + "&max=50");
        for (JsonNode event : events) {
            if (email.equalsIgnoreCase(event.path("details").path("username").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event for " + email + " in " + events);
    }

    /** The right password, tried every half second until the lockout ends; returns the first answer that is 200. */
    private static HttpResponse<String> signInOnceUnlocked(String email, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<String> response = passwordGrant(email, PASSWORD);
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = passwordGrant(email, PASSWORD);
        }
        return response;
    }

    @Test
    @DisplayName("Given 12 wrong passwords for a WorkOS user Keycloak does not know then WorkOS hears the failure "
            + "factor's worth, the right password waits out the lockout, and another email is not locked")
    void directGrantLocksTheEmailBeforeWorkOs() throws Exception {
        String email = uniqueEmail("throttled");
        String other = uniqueEmail("bystander");
        createWorkOsUser(email, PASSWORD);
        createWorkOsUser(other, PASSWORD);

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> wrong = passwordGrant(email, WRONG);
            assertThat(oauthError(wrong)).as(wrong.body()).isEqualTo("invalid_grant");
        }
        long askedWorkOs = workOsCalls().countGrant("password");
        HttpResponse<String> rightButLocked = passwordGrant(email, PASSWORD);
        JsonNode refusal = latestEvent("LOGIN_ERROR", email);
        HttpResponse<String> bystander = passwordGrant(other, PASSWORD);
        HttpResponse<String> afterTheWait = signInOnceUnlocked(email, Duration.ofSeconds(WAIT_SECONDS * 4L));

        assertThat(askedWorkOs).isEqualTo(FAILURE_FACTOR);
        assertThat(rightButLocked.statusCode()).as(rightButLocked.body()).isEqualTo(400);
        assertThat(oauthError(rightButLocked)).isEqualTo("invalid_grant");
        assertThat(refusal.path("error").asText()).isEqualTo("user_temporarily_disabled");
        assertThat(refusal.path("details").path("workos_error").asText()).isEqualTo("workos_too_many_attempts");
        assertThat(bystander.statusCode()).as(bystander.body()).isEqualTo(200);
        assertThat(afterTheWait.statusCode()).as(afterTheWait.body()).isEqualTo(200);
        // The bystander's and the final sign-in's calls: the refused attempts in between never reached WorkOS.
        assertThat(workOsCalls().countGrant("password")).isEqualTo(FAILURE_FACTOR + 2);
    }

    @Test
    @DisplayName("Given the failure factor's wrong passwords on the form then the right one gets Keycloak's "
            + "invalid-credentials message without asking WorkOS")
    void passwordFormLocksTheEmailBeforeWorkOs() throws Exception {
        String email = uniqueEmail("form-throttled");
        createWorkOsUser(email, PASSWORD);

        for (int i = 0; i < FAILURE_FACTOR; i++) {
            Logins.passwordForm(oidc(), WEB, email, WRONG);
        }
        Browser.Page locked = Logins.passwordForm(oidc(), WEB, email, PASSWORD).page();
        JsonNode refusal = latestEvent("LOGIN_ERROR", email);

        assertThat(locked.appParams()).as(locked.body()).doesNotContainKey("code");
        assertThat(locked.body()).contains("Invalid username or password.");
        assertThat(refusal.path("error").asText()).isEqualTo("user_temporarily_disabled");
        assertThat(refusal.path("details").path("workos_error").asText()).isEqualTo("workos_too_many_attempts");
        assertThat(workOsCalls().countGrant("password")).isEqualTo(FAILURE_FACTOR);
    }

    @Test
    @DisplayName("Given the server's address limit set at start then the server info shows it in force")
    void addressLimitIsAServerSetting() throws Exception {
        JsonNode throttle = TesKeycloak.env().admin.get("/serverinfo").path("providers").path("tes-throttle")
                .path("providers").path("default").path("operationalInfo");

        assertThat(throttle.path("address-max-attempts").asText())
                .isEqualTo(String.valueOf(TestEnvironment.ADDRESS_MAX_ATTEMPTS));
        assertThat(throttle.path("address-window-seconds").asText()).isEqualTo("900");
    }
}
