package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.testsupport.Browser;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a sign-in may never do: hand one user's organization to another, claim a verified email, duplicate users. */
@ExtendWith(TesKeycloak.class)
@DisplayName("Sign-in integrity: hand-overs bound to their user, verified emails, concurrent first sign-ins")
class SignInIntegrityIT {

    private static final String PASSWORD = "Demo-pass-1!";

    private static HttpResponse<String> directGrant(String email, String password) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "password", "client_id", "tes-backend",
                "client_secret", TesKeycloak.env().backendSecret, "username", email, "password", password,
                "scope", "openid"));
    }

    @Test
    @DisplayName("Given bob at the picker and 'restart login' then alice signing in gets her own organization, "
            + "never bob's")
    void restartLoginDoesNotHandBobsOrganizationsToAlice() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn bob = Logins.passwordForm(browser, "tes-portal", "bob@multi.test", PASSWORD);
        Element restart = bob.page().document().getElementById("reset-login");
        assertThat(restart).as("restart link on the picker: %s", bob.page().body()).isNotNull();

        Browser.Page login = browser.open(URI.create(bob.page().url()).resolve(restart.attr("href")).toString());
        Element form = login.document().getElementById("kc-form-login");
        assertThat(form).as("login form after restart: %s", login.body()).isNotNull();
        Browser.Page done = browser.submit(form, Map.of("username", "alice@acme.test", "password", PASSWORD));
        JsonNode claims = new Logins.SignIn("tes-portal", done, bob.pkce()).accessClaims();

        assertThat(claims.path("email").asText()).isEqualTo("alice@acme.test");
        assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
    }

    @Test
    @DisplayName("Given a WorkOS user whose email WorkOS has not verified then the hosted page's token says "
            + "email_verified false")
    void hostedSignInKeepsWorkOsEmailVerification() throws Exception {
        String email = "unverified-" + System.nanoTime() + "@solo.test";
        TesKeycloak.env().workos.addUnverifiedUser(email, PASSWORD, "Una", "Verified");
        // An environment that lets unverified emails sign in (WorkOS's setting off).
        TesKeycloak.env().workos.emailVerificationRequired(false);
        JsonNode claims;
        try {
            claims = Logins.hosted("tes-portal", email, PASSWORD).accessClaims();
        } finally {
            TesKeycloak.env().workos.emailVerificationRequired(true);
        }

        assertThat(claims.path("email").asText()).isEqualTo(email);
        assertThat(claims.path("email_verified").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("Given a WorkOS user whose email WorkOS verified then the hosted page's token says "
            + "email_verified true")
    void hostedSignInTakesWorkOsVerifiedEmail() throws Exception {
        String email = "verified-" + System.nanoTime() + "@solo.test";
        TesKeycloak.env().workos.addUser(email, PASSWORD, "Vera", "Verified");

        JsonNode claims = Logins.hosted("tes-portal", email, PASSWORD).accessClaims();

        assertThat(claims.path("email_verified").asBoolean(false)).isTrue();
    }

    @Test
    @DisplayName("Given two first sign-ins of one new WorkOS user at once then both succeed or fail cleanly, and "
            + "one Keycloak user exists")
    void concurrentFirstSignInsMakeOneUser() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String email = "twin-" + System.nanoTime() + "@acme.test";
        workos.addMembership(workos.addUser(email, PASSWORD, "Twin", "Racer"), "org_acme", "viewer");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<HttpResponse<String>> attempt = () -> directGrant(email, PASSWORD);
            List<Future<HttpResponse<String>>> results = pool.invokeAll(List.of(attempt, attempt, attempt, attempt));
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> response = result.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
                if (response.statusCode() == 400) {
                    assertThat(response.body()).contains("workos_account_conflict");
                }
            }
            assertThat(results.stream().filter(result -> status(result) == 200)).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email)).hasSize(1);
        assertThat(directGrant(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given WorkOS changed a user's email to one another Keycloak user holds then the sign-in is "
            + "refused with workos_account_conflict, never a 500, and neither account changes")
    void emailChangeOntoAnotherAccountIsRefused() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String email = "mover-" + System.nanoTime() + "@acme.test";
        String taken = "holder-" + System.nanoTime() + "@acme.test";
        String mover = workos.addUser(email, PASSWORD, "Mo", "Ver");
        workos.addMembership(mover, "org_acme", "viewer");
        workos.addMembership(workos.addUser(taken, PASSWORD, "Hol", "Der"), "org_acme", "viewer");
        assertThat(directGrant(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(directGrant(taken, PASSWORD).statusCode()).isEqualTo(200);

        workos.changeEmail(mover, taken);
        HttpResponse<String> response = directGrant(taken, PASSWORD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("workos_account_conflict");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email)).hasSize(1);
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + taken)).hasSize(1);
    }

    @Test
    @DisplayName("Given a Keycloak account and a WorkOS user with the same, unverified email then the password is "
            + "refused with workos_account_conflict and the account is not linked")
    void unverifiedEmailNeverLinksAnExistingAccount() throws Exception {
        String email = "squatter-" + System.nanoTime() + "@acme.test";
        String userId = TesKeycloak.env().admin.createUser("tes", email, "Local-pass-1!");
        TesKeycloak.env().workos.addUnverifiedUser(email, PASSWORD, "Squat", "Ter");
        // An environment that lets unverified emails sign in (WorkOS's setting off).
        TesKeycloak.env().workos.emailVerificationRequired(false);
        HttpResponse<String> response;
        try {
            response = directGrant(email, PASSWORD);
        } finally {
            TesKeycloak.env().workos.emailVerificationRequired(true);
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("workos_account_conflict");
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/federated-identity")).isEmpty();
    }

    private static int status(Future<HttpResponse<String>> result) {
        try {
            return result.get().statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
