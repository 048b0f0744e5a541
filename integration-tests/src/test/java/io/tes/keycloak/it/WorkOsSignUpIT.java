package io.tes.keycloak.it;

import static io.tes.keycloak.it.SignUps.PASSWORD;
import static io.tes.keycloak.it.WorkOsDirectory.keycloakUsers;
import static io.tes.keycloak.it.WorkOsDirectory.linkedWorkOsId;
import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static io.tes.keycloak.it.WorkOsDirectory.workOsUsers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Signing up through WorkOS on Keycloak's registration page")
class WorkOsSignUpIT {

    @Test
    @DisplayName("Given a new email then one WorkOS user and one linked Keycloak user exist and the app gets tokens")
    void signUpCreatesOneUserOnEachSideAndSignsIn() throws Exception {
        String email = uniqueEmail("new");

        Logins.SignIn signUp = SignUps.signUp("tes-portal", email, PASSWORD);

        assertThat(signUp.tokens().path("access_token").asText()).isNotEmpty();
        assertThat(workOsUsers(email)).isEqualTo(1);
        JsonNode users = keycloakUsers(email);
        assertThat(users).hasSize(1);
        assertThat(linkedWorkOsId(users.get(0).path("id").asText())).startsWith("user_");
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER)).isEqualTo(1);
        assertThat(Logins.latestEvent("REGISTER", email).path("details").path("workos_user_id").asText())
                .startsWith("user_");
        assertThat(Logins.passwordForm("tes-portal", email, PASSWORD).page().appParams()).containsKey("code");
    }

    @Test
    @DisplayName("Given prompt=create on the authorization request then the registration page opens")
    void promptCreateOpensSignUp() throws Exception {
        Browser.Page page = new Browser().open(Logins.oidc().authorizationUrl("tes-portal", "st-create",
                Map.of("prompt", "create", "code_challenge", Oidc.Pkce.create().challenge(),
                        "code_challenge_method", "S256")));

        assertThat(page.document().getElementById("kc-register-form")).as(page.body()).isNotNull();
        assertThat(page.document().getElementById("password-confirm")).isNotNull();
    }

    @Test
    @DisplayName("Given an email WorkOS already holds (and a different password) then the email field says so")
    void takenEmailIsAFieldErrorAndCreatesNothing() throws Exception {
        String email = uniqueEmail("taken");
        SignUps.signUp("tes-portal", email, PASSWORD);
        deleteKeycloakUser(email);

        Browser.Page page = SignUps.signUp(new Browser(), "tes-portal", email, "Other-pass-2!", "Other-pass-2!")
                .page();

        assertThat(page.appRedirect()).isNull();
        assertThat(SignUps.fieldError(page, "email")).as(page.body()).contains("Email already exists");
        assertThat(workOsUsers(email)).isEqualTo(1);
        assertThat(keycloakUsers(email)).isEmpty();
        assertThat(Logins.latestEvent("REGISTER_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_email_not_available");
    }

    @Test
    @DisplayName("Given a password WorkOS finds weak then the password field says so and nothing is created")
    void weakPasswordIsAFieldErrorAndCreatesNothing() throws Exception {
        String email = uniqueEmail("weak");

        Browser.Page page = SignUps.signUp(new Browser(), "tes-portal", email, "short", "short").page();

        assertThat(SignUps.fieldError(page, "password")).as(page.body()).contains("too weak");
        assertThat(page.body()).doesNotContain("value=\"short\"");
        assertThat(page.document().getElementById("email").val()).isEqualTo(email);
        assertThat(workOsUsers(email)).isZero();
        assertThat(keycloakUsers(email)).isEmpty();
        assertThat(Logins.latestEvent("REGISTER_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_password_too_weak");
    }

    @Test
    @DisplayName("Given a confirmation that differs then Keycloak says so without asking WorkOS")
    void confirmationMismatchNeverReachesWorkOs() throws Exception {
        String email = uniqueEmail("mismatch");

        Browser.Page page = SignUps.signUp(new Browser(), "tes-portal", email, PASSWORD, PASSWORD + "x").page();

        assertThat(SignUps.fieldError(page, "password-confirm")).as(page.body()).isNotBlank();
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER)).isZero();
    }

    @Test
    @DisplayName("Given WorkOS down then the form asks to try again and no user exists on either side")
    void workOsDownCreatesNothing() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.CREATE_USER, Fault.status(503));
        String email = uniqueEmail("down");

        Browser.Page page = SignUps.signUp(new Browser(), "tes-portal", email, PASSWORD, PASSWORD).page();

        assertThat(page.body()).contains("Sign-up is temporarily unavailable");
        assertThat(page.document().getElementById("kc-register-form")).isNotNull();
        assertThat(workOsUsers(email)).isZero();
        assertThat(keycloakUsers(email)).isEmpty();
        assertThat(Logins.latestEvent("REGISTER_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_server_error");
    }

    @Test
    @DisplayName("Given a WorkOS user whose Keycloak half is missing then signing up again with the password links it")
    void signUpAgainRecoversWithoutDuplicate() throws Exception {
        String email = uniqueEmail("recover");
        SignUps.signUp("tes-portal", email, PASSWORD);
        String workOsId = deleteKeycloakUser(email);

        Logins.SignIn again = SignUps.signUp("tes-portal", email, PASSWORD);

        assertThat(again.tokens().path("access_token").asText()).isNotEmpty();
        assertThat(workOsUsers(email)).isEqualTo(1);
        JsonNode users = keycloakUsers(email);
        assertThat(users).hasSize(1);
        assertThat(linkedWorkOsId(users.get(0).path("id").asText())).isEqualTo(workOsId);
        assertThat(Logins.latestEvent("REGISTER", email).path("details").path("workos_signup_recovered").asText())
                .isEqualTo("true");
    }

    @Test
    @DisplayName("Given a WorkOS user whose Keycloak half is missing then signing in recreates and links it once")
    void signInRecoversWithoutDuplicate() throws Exception {
        String email = uniqueEmail("recover-signin");
        SignUps.signUp("tes-portal", email, PASSWORD);
        deleteKeycloakUser(email);

        assertThat(Logins.passwordForm("tes-portal", email, PASSWORD).page().appParams()).containsKey("code");

        assertThat(workOsUsers(email)).isEqualTo(1);
        assertThat(keycloakUsers(email)).hasSize(1);
        assertThat(linkedWorkOsId(keycloakUsers(email).get(0).path("id").asText())).startsWith("user_");
    }

    @Test
    @DisplayName("Given an app pinned to an organization then the account is created but that app is refused")
    void pinnedClientRefusesTheNewAccount() throws Exception {
        String email = uniqueEmail("pinned");

        Browser.Page page = SignUps.signUp("tes-web", email, PASSWORD).page();

        assertThat(page.appRedirect()).isNull();
        assertThat(page.body()).contains("not a member of the organization this application belongs to");
        assertThat(workOsUsers(email)).isEqualTo(1);
        assertThat(keycloakUsers(email)).hasSize(1);
        assertThat(Logins.latestEvent("LOGIN_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_organization_not_allowed");
    }

    /** Stands for a sign-up whose Keycloak half failed after WorkOS said yes; returns the WorkOS user's id. */
    private static String deleteKeycloakUser(String email) throws Exception {
        String id = keycloakUsers(email).get(0).path("id").asText();
        String workOsId = linkedWorkOsId(id);
        assertThat(workOsId).isNotNull();
        TesKeycloak.env().admin.delete("/realms/tes/users/" + id);
        return workOsId;
    }
}
