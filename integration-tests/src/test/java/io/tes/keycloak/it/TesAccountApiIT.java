package io.tes.keycloak.it;

import static io.tes.keycloak.it.AccountApiCalls.backend;
import static io.tes.keycloak.it.AccountApiCalls.basic;
import static io.tes.keycloak.it.AccountApiCalls.body;
import static io.tes.keycloak.it.AccountApiCalls.form;
import static io.tes.keycloak.it.AccountApiCalls.json;
import static io.tes.keycloak.it.AccountApiCalls.signUpBody;
import static io.tes.keycloak.it.WorkOsDirectory.createWorkOsUser;
import static io.tes.keycloak.it.WorkOsDirectory.keycloakUsers;
import static io.tes.keycloak.it.WorkOsDirectory.linkedWorkOsId;
import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static io.tes.keycloak.it.WorkOsDirectory.workOsUsers;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.Browser;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The TES account API (/realms/tes/tes-api)")
class TesAccountApiIT {

    private static final String PASSWORD = "Api-signup-1!";
    private static final String NEW_PASSWORD = "Api-reset-2!";

    @Test
    @DisplayName("Given tes-backend's credentials then signup answers 201, the same email 409, and the new user signs "
            + "in on tes-portal after the emailed code")
    void signUpThenSignIn() throws Exception {
        String email = uniqueEmail("api");

        HttpResponse<String> created = json("signup", backend(), signUpBody(email, PASSWORD));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = body(created);
        assertThat(user.path("emailVerificationRequired").asBoolean()).isTrue();
        assertThat(user.path("email").asText()).isEqualTo(email);
        JsonNode keycloak = keycloakUsers(email);
        assertThat(keycloak).hasSize(1);
        assertThat(user.path("id").asText()).isEqualTo(keycloak.get(0).path("id").asText());
        assertThat(linkedWorkOsId(user.path("id").asText())).isEqualTo(user.path("workosUserId").asText())
                .startsWith("user_");
        JsonNode registered = Logins.latestEvent("REGISTER", email);
        assertThat(registered.path("clientId").asText()).isEqualTo("tes-backend");
        assertThat(registered.path("details").path("workos_user_id").asText())
                .isEqualTo(user.path("workosUserId").asText());
        assertThat(registered.path("details").path("register_method").asText()).isEqualTo("tes-api");

        HttpResponse<String> again = json("signup", backend(), signUpBody(email, "Other-pass-3!"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(body(again).path("error").asText()).isEqualTo("email_in_use");
        assertThat(body(again).path("field").asText()).isEqualTo("email");
        assertThat(workOsUsers(email)).isEqualTo(1);

        Browser browser = new Browser();
        Logins.SignIn login = Logins.passwordForm(browser, "tes-portal", email, PASSWORD);
        Element codePage = login.page().document().getElementById("tes-workos-second-step");
        assertThat(codePage).as(login.page().body()).isNotNull();
        Logins.SignIn signedIn = new Logins.SignIn("tes-portal", browser.submit(codePage,
                Map.of("code", TesKeycloak.env().workos.latestEmailVerificationCode(email))), login.pkce());
        assertThat(signedIn.accessClaims().path("sub").asText()).isEqualTo(user.path("id").asText());
    }

    @Test
    @DisplayName("Given a form-encoded signup with client_id and client_secret in the body then 201; a weak password "
            + "or a bad email 400 on its field, and nothing is created")
    void formBodyAndFieldErrors() throws Exception {
        String email = uniqueEmail("api-form");
        Map<String, String> credentials = Map.of("client_id", "tes-backend", "client_secret",
                TesKeycloak.env().backendSecret);

        Map<String, String> weak = new HashMap<>(signUpBody(email, "short"));
        weak.putAll(credentials);
        HttpResponse<String> refused = form("signup", Map.of(), weak);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(body(refused).path("field").asText()).isEqualTo("password");
        assertThat(body(refused).path("error_description").asText()).isEqualTo("workos_password_too_weak");
        assertThat(workOsUsers(email)).isZero();
        assertThat(keycloakUsers(email)).isEmpty();

        HttpResponse<String> badEmail = json("signup", backend(), signUpBody("not-an-email", PASSWORD));
        assertThat(badEmail.statusCode()).as(badEmail.body()).isEqualTo(400);
        assertThat(body(badEmail).path("field").asText()).isEqualTo("email");

        Map<String, String> good = new HashMap<>(signUpBody(email, PASSWORD));
        good.putAll(credentials);
        HttpResponse<String> created = form("signup", Map.of(), good);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(keycloakUsers(email)).hasSize(1);
    }

    @Test
    @DisplayName("Given WorkOS down then signup answers 503 and neither side has the user; given a WorkOS user whose "
            + "Keycloak half is missing then signing up again with its password links it")
    void workOsDownAndRecovery() throws Exception {
        String email = uniqueEmail("api-down");
        TesKeycloak.env().workos.faults().set(Endpoint.CREATE_USER, Fault.status(503));

        HttpResponse<String> down = json("signup", backend(), signUpBody(email, PASSWORD));

        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(body(down).path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(workOsUsers(email)).isZero();
        assertThat(keycloakUsers(email)).isEmpty();
        assertThat(Logins.latestEvent("REGISTER_ERROR", email).path("details").path("workos_error").asText())
                .isEqualTo("workos_server_error");

        TesKeycloak.env().workos.faults().clearAll();
        String workOsId = createWorkOsUser(email, PASSWORD);
        HttpResponse<String> recovered = json("signup", backend(), signUpBody(email, PASSWORD));
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(201);
        assertThat(body(recovered).path("workosUserId").asText()).isEqualTo(workOsId);
        assertThat(linkedWorkOsId(keycloakUsers(email).get(0).path("id").asText())).isEqualTo(workOsId);
        assertThat(Logins.latestEvent("REGISTER", email).path("details").path("workos_signup_recovered").asText())
                .isEqualTo("true");
    }

    @Test
    @DisplayName("Given forgot-password then a known and an unknown email both get 202, and only the known one mail")
    void forgotPasswordLooksAlike() throws Exception {
        String known = uniqueEmail("api-known");
        createWorkOsUser(known, PASSWORD);
        String unknown = uniqueEmail("api-unknown");

        HttpResponse<String> forKnown = json("forgot-password", backend(), Map.of("email", known));
        HttpResponse<String> forUnknown = form("forgot-password", backend(), Map.of("email", unknown));

        assertThat(forKnown.statusCode()).as(forKnown.body()).isEqualTo(202);
        assertThat(forUnknown.statusCode()).as(forUnknown.body()).isEqualTo(202);
        assertThat(forKnown.body()).isEqualTo(forUnknown.body());
        assertThat(Resets.emailsTo(known)).isEqualTo(1);
        assertThat(Resets.emailsTo(unknown)).isZero();
        assertThat(Logins.latestEvent("SEND_RESET_PASSWORD", known).path("clientId").asText())
                .isEqualTo("tes-backend");
        assertThat(Logins.latestEvent("SEND_RESET_PASSWORD_ERROR", unknown).path("details").path("workos_error")
                .asText()).isNotEmpty();
    }

    @Test
    @DisplayName("Given the emailed token then reset-password answers 204 and the new password works; the token again "
            + "400; a mismatched confirmation or a weak password 400 on its field")
    void resetPasswordWithTheEmailedToken() throws Exception {
        String email = uniqueEmail("api-reset");
        createWorkOsUser(email, PASSWORD);
        assertThat(json("forgot-password", backend(), Map.of("email", email)).statusCode()).isEqualTo(202);
        String token = AccountApiCalls.latestResetToken(email);

        HttpResponse<String> mismatch = json("reset-password", backend(), Map.of("token", token, "password",
                NEW_PASSWORD, "confirmPassword", NEW_PASSWORD + "x"));
        assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(400);
        assertThat(body(mismatch).path("field").asText()).isEqualTo("confirmPassword");
        HttpResponse<String> weak = form("reset-password", backend(), Map.of("token", token, "password", "short"));
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(body(weak).path("field").asText()).isEqualTo("password");
        assertThat(body(weak).path("error_description").asText()).isEqualTo("workos_password_too_weak");

        HttpResponse<String> reset = form("reset-password", backend(), Map.of("token", token, "password",
                NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        assertThat(LocalClients.password("tes-backend", TesKeycloak.env().backendSecret, email, NEW_PASSWORD)
                .statusCode()).isEqualTo(200);
        assertThat(LocalClients.password("tes-backend", TesKeycloak.env().backendSecret, email, PASSWORD)
                .statusCode()).isEqualTo(401);
        JsonNode updated = Resets.latestEventWithError("UPDATE_PASSWORD_ERROR", "workos_password_too_weak");
        assertThat(updated.path("clientId").asText()).isEqualTo("tes-backend");

        HttpResponse<String> again = json("reset-password", backend(), Map.of("token", token, "password",
                "Third-pass-3!"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
        assertThat(body(again).path("error").asText()).isEqualTo("invalid_token");
        assertThat(body(again).path("error_description").asText()).isEqualTo("workos_reset_token_invalid");
    }

    @Test
    @DisplayName("Given a public client naming itself with X-Client-Id or client_id then it may call without a secret")
    void publicClientNamesItself() throws Exception {
        String email = uniqueEmail("api-portal");

        HttpResponse<String> created = json("signup", Map.of("X-Client-Id", "tes-portal"),
                signUpBody(email, PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Logins.latestEvent("REGISTER", email).path("clientId").asText()).isEqualTo("tes-portal");

        Map<String, String> named = new HashMap<>(Map.of("email", email, "client_id", "tes-portal"));
        HttpResponse<String> forgot = json("forgot-password", Map.of(), named);
        assertThat(forgot.statusCode()).as(forgot.body()).isEqualTo(202);
        assertThat(Logins.latestEvent("SEND_RESET_PASSWORD", email).path("clientId").asText())
                .isEqualTo("tes-portal");
    }

    @Test
    @DisplayName("Given no client, a wrong secret, a confidential client without its secret, or a client without "
            + "the attribute then 401, 401, 401 and 403, and nothing is created")
    void callersAreChecked() throws Exception {
        String email = uniqueEmail("api-refused");

        HttpResponse<String> nobody = json("signup", Map.of(), signUpBody(email, PASSWORD));
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(401);
        assertThat(body(nobody).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> wrongSecret = json("signup", basic("tes-backend", "wrong"), signUpBody(email, PASSWORD));
        assertThat(wrongSecret.statusCode()).as(wrongSecret.body()).isEqualTo(401);
        assertThat(body(wrongSecret).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> noSecret = json("signup", Map.of("X-Client-Id", "tes-backend"),
                signUpBody(email, PASSWORD));
        assertThat(noSecret.statusCode()).as(noSecret.body()).isEqualTo(401);

        String other = "api-not-allowed-" + System.nanoTime();
        LocalClients.createConfidential(other, "other-secret-1");
        HttpResponse<String> notAllowed = json("signup", basic(other, "other-secret-1"), signUpBody(email, PASSWORD));
        assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(403);
        assertThat(body(notAllowed).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(AccountApiCalls.latestEvent("REGISTER_ERROR", other).path("error").asText())
                .isEqualTo("not_allowed");

        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER)).isZero();
        assertThat(keycloakUsers(email)).isEmpty();
    }
}
