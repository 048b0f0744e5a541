package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.TesRealm;
import io.tes.keycloak.testsupport.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way a Keycloak session ends reaches WorkOS (its sessions revoked, the hosted page's cookie cleared) and the
 * demo clients' back-channel logout URL (a signed logout token per client of the session).
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("Logout reaches WorkOS, and the apps through back-channel logout")
class WorkOsLogoutIT {

    private static final String PASSWORD = "Logout-pass-1!";
    private static BackChannelReceiver receiver;
    private final WorkOsEmulator workos = TesKeycloak.env().workos;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = BackChannelReceiver.startForDemoClients();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
        TesKeycloak.env().workos.faults().clearAll();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
        workos.faults().clearAll();
    }

    /** A new WorkOS user in Acme and Globex, so that every test has its own sessions. */
    private String newWorkOsUser(String name) {
        String email = name + "-" + System.nanoTime() + "@logout.test";
        String id = workos.addUser(email, PASSWORD, "Lou", "Gout");
        workos.addMembership(id, "org_acme", "viewer");
        workos.addMembership(id, "org_globex", "viewer");
        return email;
    }

    private static String federatedId(String email) throws Exception {
        String userId = TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email).get(0)
                .path("id").asText();
        return TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/federated-identity").get(0)
                .path("userId").asText();
    }

    /** RP-initiated logout of the browser's session, as the app sends it; returns where the browser ended. */
    private static Browser.Page logout(Browser browser, String clientId, JsonNode tokens) throws Exception {
        return browser.open(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM)
                + "/protocol/openid-connect/logout?client_id=" + clientId
                + "&id_token_hint=" + tokens.path("id_token").asText()
                + "&post_logout_redirect_uri=" + URLEncoder.encode(TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI,
                        StandardCharsets.UTF_8));
    }

    private static JsonNode sessionsOf(String keycloakUserId) throws Exception {
        return TesKeycloak.env().admin.get("/realms/tes/users/" + keycloakUserId + "/sessions");
    }

    /** The logout tokens received, verified against the realm's keys. */
    private static List<JsonNode> verifiedLogoutTokens(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.logoutTokens().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<JsonNode> claims = new ArrayList<>();
        for (String token : receiver.logoutTokens()) {
            claims.add(Jwts.verify(token, Logins.oidc().jwks()));
        }
        return claims;
    }

    @Test
    @DisplayName("Given a hosted-page session then the app's logout revokes it at WorkOS, the hosted page asks for the "
            + "password again, and the app hears of it on the back channel")
    void rpInitiatedLogoutEndsTheHostedSessionAndWorkOsCookie() throws Exception {
        String email = newWorkOsUser("hosted");
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.hosted(browser, "tes-web", email, PASSWORD);
        JsonNode tokens = signIn.tokens();
        JsonNode claims = Logins.claims(tokens);
        String workosUser = federatedId(email);
        assertThat(workos.liveSessionsOf(workosUser)).hasSize(1);
        workos.calls().clear();

        Browser.Page out = logout(browser, "tes-web", tokens);

        assertThat(out.appRedirect()).as(out.body()).isEqualTo(TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI);
        assertThat(workos.liveSessionsOf(workosUser)).isEmpty();
        assertThat(workos.calls().count(Endpoint.REVOKE_SESSION)).isEqualTo(1);
        assertThat(sessionsOf(claims.path("sub").asText())).isEmpty();
        List<JsonNode> logoutTokens = verifiedLogoutTokens(1);
        assertThat(logoutTokens).hasSize(1);
        assertThat(logoutTokens.get(0).path("sid").asText()).isEqualTo(claims.path("sid").asText());
        assertThat(logoutTokens.get(0).path("sub").asText()).isEqualTo(claims.path("sub").asText());
        assertThat(logoutTokens.get(0).path("aud").toString()).contains("tes-web");

        // The hosted page no longer signs this browser in silently: it asks for the password again.
        Logins.SignIn again = Logins.authorize(browser, "tes-web", Map.of("kc_idp_hint", "workos"));
        assertThat(again.page().appRedirect()).isNull();
        assertThat(again.page().url()).startsWith(workos.baseUrl() + "/user_management/authorize");
        assertThat(again.page().document().select("input[name=password]")).hasSize(1);
    }

    @Test
    @DisplayName("Given a hosted-page session then the app's logout passes through WorkOS's logout URL")
    void hostedLogoutGoesThroughWorkOsLogoutUrl() throws Exception {
        String email = newWorkOsUser("detour");
        Browser browser = new Browser();
        JsonNode tokens = Logins.hosted(browser, "tes-web", email, PASSWORD).tokens();
        workos.calls().clear();

        Browser.Page out = logout(browser, "tes-web", tokens);

        assertThat(out.appRedirect()).as(out.body()).isEqualTo(TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI);
        assertThat(workos.calls().count(Endpoint.LOGOUT)).as(String.join("\n", browser.visited())).isEqualTo(1);
        assertThat(browser.visited()).anyMatch(url -> url.startsWith(workos.baseUrl()
                + "/user_management/sessions/logout?session_id="));
    }

    @Test
    @DisplayName("Given a live WorkOS session then the hosted page signs the browser in without the password")
    void hostedPageSignsInSilentlyWhileWorkOsSessionLives() throws Exception {
        String email = newWorkOsUser("silent");
        Browser browser = new Browser();
        Logins.hosted(browser, "tes-web", email, PASSWORD).tokens();
        workos.calls().clear();

        // prompt=login makes Keycloak ask WorkOS again; WorkOS's cookie signs the browser in without the password.
        Logins.SignIn again = Logins.authorize(browser, "tes-web", Map.of("kc_idp_hint", "workos", "prompt", "login"));

        assertThat(again.page().appParams()).as(again.page().body()).containsKey("code");
        assertThat(workos.calls().count(Endpoint.AUTHORIZE)).isEqualTo(1);
        assertThat(workos.calls().count(Endpoint.AUTHORIZE_SUBMIT)).isZero();
    }

    @Test
    @DisplayName("Given the admin console signs a user out then WorkOS's session is revoked once and every client "
            + "hears of it")
    void adminSignOutRevokesAndTellsEveryClient() throws Exception {
        String email = newWorkOsUser("admin");
        Browser browser = new Browser();
        JsonNode acme = Logins.claims(Logins.passwordForm(browser, "tes-web", email, PASSWORD).tokens());
        JsonNode globex = Logins.claims(Logins.authorize(browser, "globex-web", Map.of()).tokens());
        String workosUser = federatedId(email);
        assertThat(globex.path("sid").asText()).isEqualTo(acme.path("sid").asText());
        assertThat(workos.liveSessionsOf(workosUser)).hasSize(1);
        workos.calls().clear();

        var response = TesKeycloak.env().admin.post("/realms/tes/users/" + acme.path("sub").asText() + "/logout",
                Map.of());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(workos.liveSessionsOf(workosUser)).isEmpty();
        assertThat(workos.calls().count(Endpoint.REVOKE_SESSION)).as("once per distinct WorkOS session")
                .isEqualTo(1);
        assertThat(sessionsOf(acme.path("sub").asText())).isEmpty();
        List<JsonNode> logoutTokens = verifiedLogoutTokens(2);
        assertThat(logoutTokens).extracting(token -> token.path("aud").asText())
                .containsExactlyInAnyOrder("tes-web", "globex-web");
        assertThat(logoutTokens).allSatisfy(token -> {
            assertThat(token.path("sid").asText()).isEqualTo(acme.path("sid").asText());
            assertThat(token.path("sub").asText()).isEqualTo(acme.path("sub").asText());
        });
    }

    @Test
    @DisplayName("Given the admin console ends a password-form session then its WorkOS session is revoked")
    void adminSessionDeleteRevokesThePasswordFormSession() throws Exception {
        String email = newWorkOsUser("delete");
        JsonNode claims = Logins.passwordForm("tes-web", email, PASSWORD).accessClaims();
        String workosUser = federatedId(email);
        assertThat(workos.liveSessionsOf(workosUser)).hasSize(1);

        var response = TesKeycloak.env().admin.delete("/realms/tes/sessions/" + claims.path("sid").asText());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(workos.liveSessionsOf(workosUser)).isEmpty();
    }

    @Test
    @DisplayName("Given a password-form session then the app's logout revokes it without a WorkOS detour")
    void passwordFormLogoutRevokesItsSessionWithoutWorkOsDetour() throws Exception {
        String email = newWorkOsUser("form");
        Browser browser = new Browser();
        JsonNode tokens = Logins.passwordForm(browser, "tes-web", email, PASSWORD).tokens();
        String workosUser = federatedId(email);
        String sid = workos.liveSessionsOf(workosUser).get(0);
        workos.calls().clear();

        Browser.Page out = logout(browser, "tes-web", tokens);

        assertThat(out.appRedirect()).isEqualTo(TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI);
        assertThat(workos.sessionLive(sid)).isFalse();
        assertThat(workos.calls().count(Endpoint.LOGOUT)).isZero();
    }

    @Test
    @DisplayName("Given WorkOS down at logout then the logout completes and the event says why")
    void workOsDownAtLogoutStillLogsOutAndSaysWhy() throws Exception {
        String email = newWorkOsUser("down");
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.hosted(browser, "tes-web", email, PASSWORD);
        JsonNode tokens = signIn.tokens();
        String keycloakUser = Logins.claims(tokens).path("sub").asText();
        String workosUser = federatedId(email);
        workos.faults().set(Endpoint.REVOKE_SESSION, Fault.status(503));

        Browser.Page out = logout(browser, "tes-web", tokens);

        assertThat(out.appRedirect()).as(out.body()).isEqualTo(TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI);
        assertThat(sessionsOf(keycloakUser)).isEmpty();
        assertThat(workos.liveSessionsOf(workosUser)).as("left to WorkOS's own lifetime").hasSize(1);
        JsonNode events = TesKeycloak.env().admin.get("/realms/tes/events?type=LOGOUT_ERROR&user=" + keycloakUser);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("details").path("workos_error").asText()).isEqualTo("workos_server_error");
        assertThat(events.get(0).path("details").path("workos_sessions_not_revoked").asText()).isEqualTo("1");
        assertThat(events.get(0).path("error").asText()).isEqualTo("identity_provider_error");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/events?type=LOGOUT&user=" + keycloakUser)).hasSize(1);
    }
}
