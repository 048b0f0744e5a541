package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The WorkOS password form on Keycloak's login page")
class WorkOsPasswordFormIT {

    private static final String PASSWORD = "Demo-pass-1!";

    private static void assertSignedIn(Logins.SignIn signIn) {
        assertThat(signIn.page().appParams()).as(signIn.page().body()).containsKey("code").doesNotContainKey("error");
    }

    @Test
    @DisplayName("Given alice (one organization) on tes-web then she signs in with one WorkOS call, in org_acme")
    void singleOrganizationUser() throws Exception {
        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));

        JsonNode login = Logins.latestEvent("LOGIN", "alice@acme.test");
        assertThat(login.path("details").path("organization_id").asText()).isEqualTo("org_acme");
        assertThat(login.path("details").path("organization_reason").asText()).isEqualTo("client");
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.AUTHENTICATE)).isEqualTo(1);
        assertThat(Logins.keycloakUserExists("alice@acme.test")).isTrue();
    }

    @Test
    @DisplayName("Given bob (two organizations) then each pinned client gets its organization, never a picker")
    void multiOrganizationUserFollowsThePin() throws Exception {
        JsonNode acmeToken = Logins.passwordForm("tes-web", "bob@multi.test", PASSWORD).accessClaims();
        JsonNode acme = Logins.latestEvent("LOGIN", "bob@multi.test");
        JsonNode globexToken = Logins.passwordForm("globex-web", "bob@multi.test", PASSWORD).accessClaims();
        JsonNode globex = Logins.latestEvent("LOGIN", "bob@multi.test");

        assertThat(acmeToken.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(globexToken.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(globexToken.path("org_name").asText()).isEqualTo("Globex Logistics");
        // The WorkOS role held in each organization grants that realm role's permissions, per client.
        assertThat(acmeToken.path("permissions").toString()).isEqualTo("[\"read:event:org\",\"read:event:own\","
                + "\"read:takeback:org\",\"read:takeback:own\",\"write:event:org\",\"write:takeback:org\"]");
        assertThat(globexToken.path("permissions").toString())
                .isEqualTo("[\"read:event:own\",\"read:takeback:own\"]");
        assertThat(acme.path("details").path("organization_id").asText()).isEqualTo("org_acme");
        assertThat(globex.path("details").path("organization_id").asText()).isEqualTo("org_globex");
        assertThat(TesKeycloak.env().workos.calls().countGrant("password")).isEqualTo(2);
        assertThat(TesKeycloak.env().workos.calls()
                .countGrant("urn:workos:oauth:grant-type:organization-selection")).isEqualTo(2);
    }

    @Test
    @DisplayName("Given WorkOS's signing keys once fetched then further sign-ins fetch no JWKS")
    void noJwksFetchPerLogin() throws Exception {
        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));
        TesKeycloak.env().workos.calls().clear();

        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));
        assertSignedIn(Logins.passwordForm("globex-web", "bob@multi.test", PASSWORD));

        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.JWKS)).isZero();
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.AUTHENTICATE)).isEqualTo(3);
    }

    @Test
    @DisplayName("Given WorkOS rotated its signing key then Keycloak's key store fetches the JWKS again, once")
    void signingKeyRotation() throws Exception {
        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));
        // Keycloak's public key store loads an unknown key id at most once per 10 s per WorkOS environment
        // (public-key-storage min-time-between-requests): wait past that so this test does not depend on the others.
        Thread.sleep(Duration.ofSeconds(12).toMillis());
        TesKeycloak.env().workos.rotateSigningKey();
        TesKeycloak.env().workos.calls().clear();

        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));
        assertSignedIn(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD));

        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.JWKS)).isEqualTo(1);
    }

    @Test
    @DisplayName("Given alice on globex-web then she is refused with a clear page and the event says why")
    void pinnedElsewhereIsRefused() throws Exception {
        Browser.Page page = Logins.passwordForm("globex-web", "alice@acme.test", PASSWORD).page();

        assertThat(page.appRedirect()).isNull();
        assertThat(page.body()).contains("not a member of the organization this application belongs to");
        JsonNode error = Logins.latestEvent("LOGIN_ERROR", "alice@acme.test");
        assertThat(error.path("details").path("workos_error").asText()).isEqualTo("workos_organization_not_allowed");
    }

    @Test
    @DisplayName("Given a wrong password then the form says so, the same as for an unknown email")
    void wrongPasswordAndUnknownEmailLookAlike() throws Exception {
        Browser.Page wrong = Logins.passwordForm("tes-web", "alice@acme.test", "Wrong-pass-1!").page();
        Browser.Page unknown = Logins.passwordForm("tes-web", "nobody@acme.test", "Wrong-pass-1!").page();

        assertThat(wrong.document().getElementById("kc-form-login")).isNotNull();
        assertThat(wrong.body()).contains("Invalid username or password.");
        assertThat(unknown.body()).contains("Invalid username or password.");
        assertThat(Logins.latestEvent("LOGIN_ERROR", "nobody@acme.test").path("details").path("workos_error")
                .asText()).isEqualTo("workos_invalid_credentials");
        assertThat(Logins.keycloakUserExists("nobody@acme.test")).isFalse();
    }

    @Test
    @DisplayName("Given WorkOS answering 503 then the form asks to try again, and no user is created")
    void workOsDownCreatesNothing() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, Fault.status(503));
        String email = "outage-" + System.nanoTime() + "@acme.test";

        Browser.Page page = Logins.passwordForm("tes-portal", email, PASSWORD).page();

        assertThat(page.body()).contains("Sign-in is temporarily unavailable");
        assertThat(Logins.latestEvent("LOGIN_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_server_error");
        assertThat(Logins.keycloakUserExists(email)).isFalse();
    }

    @Test
    @DisplayName("Given a user whose organization requires SSO then the form sends her on to that SSO connection")
    void ssoRequiredGoesToConnection() throws Exception {
        Browser.Page page = Logins.passwordForm("tes-web", "carol@acme-sso.test", PASSWORD).page();

        assertThat(page.url()).startsWith(TesKeycloak.env().workos.baseUrl() + "/user_management/authorize")
                .contains("connection_id=conn_acme_sso");
        assertThat(Logins.keycloakUserExists("carol@acme-sso.test")).isFalse();
    }

    @Test
    @DisplayName("Given WorkOS slower than the read timeout then the form asks to try again")
    void workOsTimeout() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(6_000).times(1));

        Browser.Page page = Logins.passwordForm("tes-portal", "alice@acme.test", PASSWORD).page();

        assertThat(page.body()).contains("Sign-in is temporarily unavailable");
        assertThat(Logins.latestEvent("LOGIN_ERROR", "alice@acme.test").path("details").path("workos_error")
                .asText()).isEqualTo("workos_timeout");
        // The emulator logs the slow call when its delay ends, after Keycloak gave up: wait for it, so that it
        // does not land in the next test's call count.
        long deadline = System.currentTimeMillis() + 5_000;
        while (TesKeycloak.env().workos.calls().count(Endpoint.AUTHENTICATE) == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    @DisplayName("Given repeated wrong passwords then the brute-force detector locks the account")
    void bruteForceLockout() throws Exception {
        String email = "bob@multi.test";
        assertSignedIn(Logins.passwordForm("tes-web", email, PASSWORD));
        for (int i = 0; i < 5; i++) {
            Logins.passwordForm("tes-web", email, "Wrong-pass-" + i + "!");
        }

        Browser.Page locked = Logins.passwordForm("tes-web", email, PASSWORD).page();

        String id = TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email).get(0)
                .path("id").asText();
        String bruteForce = "/realms/tes/attack-detection/brute-force/users/" + id;
        JsonNode status = TesKeycloak.env().admin.get(bruteForce);
        TesKeycloak.env().admin.delete(bruteForce);
        assertThat(locked.appRedirect()).isNull();
        assertThat(status.path("disabled").asBoolean()).as(status.toString()).isTrue();
        assertSignedIn(Logins.passwordForm("tes-web", email, PASSWORD));
    }
}
