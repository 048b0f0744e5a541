package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TES's sign-up link, {@code mode=signup} on the authorization request: the "TES sign-up link" step. */
@ExtendWith(TesKeycloak.class)
@DisplayName("The TES sign-up link (mode=signup)")
class SignUpLinkIT {

    private static final String PASSWORD = "Demo-pass-1!";

    private static boolean isRegistrationForm(Browser.Page page) {
        return page.document().getElementById("kc-register-form") != null;
    }

    private static boolean isLoginForm(Browser.Page page) {
        return page.document().getElementById("kc-form-login") != null;
    }

    /** A browser signed in (SSO cookie) as alice through tes-web. */
    private static Browser signedIn() throws Exception {
        Browser browser = new Browser();
        assertThat(Logins.passwordForm(browser, "tes-web", "alice@acme.test", PASSWORD).page().appParams())
                .containsKey("code");
        return browser;
    }

    @Test
    @DisplayName("Given mode=signup then the registration form opens, where prompt=create opens it")
    void opensRegistration() throws Exception {
        Browser.Page page = Logins.authorize(new Browser(), "tes-portal", Map.of("mode", "signup")).page();

        assertThat(isRegistrationForm(page)).as(page.body()).isTrue();
        assertThat(page.url()).contains("/login-actions/registration");
        assertThat(page.document().getElementById("password-confirm")).isNotNull();
    }

    @Test
    @DisplayName("Given no mode or another mode then the login form opens as before")
    void otherRequestsUntouched() throws Exception {
        Browser.Page plain = Logins.authorize(new Browser(), "tes-portal", Map.of()).page();
        Browser.Page login = Logins.authorize(new Browser(), "tes-portal", Map.of("mode", "login")).page();

        assertThat(isLoginForm(plain)).as(plain.body()).isTrue();
        assertThat(isLoginForm(login)).as(login.body()).isTrue();
    }

    @Test
    @DisplayName("Given the registration form of mode=signup then 'back to login' shows the login form, not a loop")
    void backToLogin() throws Exception {
        Browser browser = new Browser();
        Browser.Page registration = Logins.authorize(browser, "tes-portal", Map.of("mode", "signup")).page();
        Element back = registration.document().selectFirst("a[href*=/login-actions/authenticate]");
        assertThat(back).as(registration.body()).isNotNull();

        Browser.Page login = browser.open(back.absUrl("href"));

        assertThat(isLoginForm(login)).as(login.body()).isTrue();
    }

    @Test
    @DisplayName("Given a new user signing up through mode=signup then the app gets a code and the WorkOS user ID")
    void signsUp() throws Exception {
        String email = WorkOsDirectory.uniqueEmail("mode-signup");
        Browser browser = new Browser();
        Logins.SignIn start = Logins.authorize(browser, "tes-portal", Map.of("mode", "signup"));
        Element form = start.page().document().getElementById("kc-register-form");
        assertThat(form).as(start.page().body()).isNotNull();
        Browser.Page after = browser.submit(form, Map.of("email", email, "firstName", "Sam", "lastName", "Signup",
                "password", SignUps.PASSWORD, "password-confirm", SignUps.PASSWORD));
        Element codePage = after.document().getElementById("tes-workos-second-step");
        if (codePage != null) {
            after = browser.submit(codePage, Map.of("code",
                    TesKeycloak.env().workos.latestEmailVerificationCode(email)));
        }

        JsonNode claims = new Logins.SignIn("tes-portal", after, start.pkce()).accessClaims();

        String keycloakId = WorkOsDirectory.keycloakUsers(email).get(0).path("id").asText();
        assertThat(claims.path("sub").asText()).isEqualTo(keycloakId);
        assertThat(claims.path("workos_user_id").asText()).startsWith("user_")
                .isEqualTo(WorkOsDirectory.linkedWorkOsId(keycloakId));
    }

    @Test
    @DisplayName("Given a signed-in browser then a request without mode=signup still signs in by the SSO cookie")
    void ssoStillWorks() throws Exception {
        Browser browser = signedIn();

        Browser.Page page = Logins.authorize(browser, "tes-web", Map.of()).page();

        assertThat(page.appParams()).as(page.body()).containsKey("code");
    }

    @Test
    @DisplayName("Given a signed-in browser then mode=signup shows the registration form, as prompt=create does")
    void signedInAsksForSignUp() throws Exception {
        Browser.Page withMode = Logins.authorize(signedIn(), "tes-web", Map.of("mode", "signup")).page();
        Browser.Page withPrompt = Logins.authorize(signedIn(), "tes-web", Map.of("prompt", "create")).page();

        assertThat(isRegistrationForm(withPrompt)).as("Keycloak's prompt=create: %s", withPrompt.body()).isTrue();
        assertThat(isRegistrationForm(withMode)).as(withMode.body()).isTrue();
        assertThat(withMode.appParams()).doesNotContainKey("code");
    }
}
