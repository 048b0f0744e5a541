package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Sign-in on WorkOS's hosted page through the WorkOS identity provider")
class WorkOsHostedSignInIT {

    private static final String PASSWORD = "Demo-pass-1!";

    @Test
    @DisplayName("Given a first hosted sign-in on tes-web then signing in to globex-web by SSO moves the browser's "
            + "WorkOS session to Globex with its refresh token")
    void firstHostedSignInKeepsTheWorkOsSession() throws Exception {
        String email = "hosted-first-" + System.nanoTime() + "@multi.test";
        String id = TesKeycloak.env().workos.addUser(email, PASSWORD, "First", "Hosted");
        TesKeycloak.env().workos.addMembership(id, "org_acme", "viewer");
        TesKeycloak.env().workos.addMembership(id, "org_globex", "viewer");
        Browser browser = new Browser();
        assertThat(Logins.hosted(browser, "tes-web", email, PASSWORD).accessClaims().path("org_id").asText())
                .isEqualTo("org_acme");
        TesKeycloak.env().workos.calls().clear();

        JsonNode globex = Logins.authorize(browser, "globex-web", java.util.Map.of()).accessClaims();

        assertThat(globex.path("org_id").asText()).isEqualTo("org_globex");
        // Keycloak clears user-session notes in first-broker-login: the refresh token must have survived elsewhere.
        assertThat(TesKeycloak.env().workos.calls().countGrant("refresh_token")).isEqualTo(1);
    }

    @Test
    @DisplayName("Given bob on tes-web and on globex-web then each token carries its client's organization")
    void pinnedOrganizations() throws Exception {
        JsonNode acme = Logins.hosted("tes-web", "bob@multi.test", PASSWORD).accessClaims();
        JsonNode globex = Logins.hosted("globex-web", "bob@multi.test", PASSWORD).accessClaims();
        JsonNode globexLogin = latestHostedLogin("globex-web");

        assertThat(acme.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(acme.path("org_name").asText()).isEqualTo("Acme Recycling");
        assertThat(globex.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(acme.path("email").asText()).isEqualTo("bob@multi.test");
        // The LOGIN event of a hosted sign-in is written after the post-broker-login flow, in a request of its own
        // that the pack cannot add details to: it names the provider, and the token carries the organization.
        assertThat(globexLogin.path("details").path("identity_provider").asText()).isEqualTo("workos");
        assertThat(globexLogin.path("details").path("username").asText()).isEqualTo("bob@multi.test");
        assertThat(TesKeycloak.env().workos.calls().countGrant("authorization_code")).isEqualTo(2);
        assertThat(TesKeycloak.env().workos.calls()
                .countGrant("urn:workos:oauth:grant-type:organization-selection")).isEqualTo(2);
    }

    /** The newest LOGIN event through the WorkOS provider on this client. */
    private static JsonNode latestHostedLogin(String clientId) throws Exception {
        for (JsonNode event : TesKeycloak.env().admin.get("/realms/tes/events?type=LOGIN&client=" + clientId)) {
            if ("workos".equals(event.path("details").path("identity_provider").asText())) {
                return event;
            }
        }
        throw new AssertionError("No hosted LOGIN event on " + clientId);
    }

    @Test
    @DisplayName("Given login_hint and domain_hint then WorkOS's page receives both, with PKCE, prefilled")
    void forwardsHints() throws Exception {
        Browser.Page page = new Browser().open(Logins.oidc().authorizationUrl("tes-portal", "st-hints",
                java.util.Map.of("code_challenge", Oidc.Pkce.create().challenge(), "code_challenge_method", "S256",
                        "kc_idp_hint", "workos", "login_hint", "dana@new.test", "domain_hint", "new.test")));

        assertThat(page.url()).startsWith(TesKeycloak.env().workos.baseUrl())
                .contains("login_hint=dana%40new.test", "domain_hint=new.test", "code_challenge_method=S256",
                        "provider=authkit");
        assertThat(page.body()).contains("value=\"dana@new.test\"");
    }

    @Test
    @DisplayName("Given alice on globex-web then the hosted sign-in is refused with a clear page")
    void refusedOutsidePinnedOrganization() throws Exception {
        Browser.Page page = Logins.hosted("globex-web", "alice@acme.test", PASSWORD).page();

        assertThat(page.appParams()).doesNotContainKey("code");
        assertThat(page.body()).contains("not a member of the organization this application belongs to");
    }

    @Test
    @DisplayName("Given WorkOS refusing the API key at the code exchange then a clear page, and no user is created")
    void badApiKey() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, Fault.status(401));

        Browser.Page page = Logins.hosted("tes-portal", "alice@acme.test", PASSWORD).page();

        assertThat(page.appParams()).doesNotContainKey("code");
        assertThat(page.body()).contains("Sign-in is not set up correctly");
    }

    @Test
    @DisplayName("Given the callback replayed then the second use is refused and WorkOS sees one exchange")
    void replayedCallback() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn first = Logins.hosted(browser, "tes-web", "alice@acme.test", PASSWORD);
        String callback = browser.visited().stream().filter(url -> url.contains("/broker/workos/endpoint"))
                .findFirst().orElseThrow();

        Browser.Page replay = browser.open(callback);

        assertThat(first.page().appParams()).containsKey("code");
        assertThat(replay.appParams()).doesNotContainKey("code");
        assertThat(TesKeycloak.env().workos.calls().countGrant("authorization_code")).isEqualTo(1);
    }

    @Test
    @DisplayName("Given a forged state on the callback then Keycloak refuses it and WorkOS is never called")
    void forgedState() throws Exception {
        Browser.Page page = new Browser().open(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM)
                + "/broker/workos/endpoint?code=code_forged&state=forged-state");

        assertThat(page.appParams()).doesNotContainKey("code");
        assertThat(page.status()).isGreaterThanOrEqualTo(400);
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.AUTHENTICATE)).isZero();
    }
}
