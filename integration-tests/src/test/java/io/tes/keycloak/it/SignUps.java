package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;

/** Fills Keycloak's registration page, reached the two standard ways apps link to it. */
final class SignUps {

    static final String PASSWORD = "Signup-pass-1!";

    private SignUps() {
    }

    /** The registration endpoint ({@code /protocol/openid-connect/registrations}) of a client, with PKCE. */
    static Logins.SignIn signUp(String clientId, String email, String password) throws Exception {
        return signUp(new Browser(), clientId, email, password, password);
    }

    /**
     * Signs up and, when WorkOS wants the new email verified first (the demo environment, as WorkOS by default),
     * enters the emailed code on the WorkOS code page: where the browser then ended.
     */
    static Logins.SignIn signUp(Browser browser, String clientId, String email, String password, String confirm)
            throws Exception {
        Logins.SignIn signUp = signUpOnly(browser, clientId, email, password, confirm);
        Element codePage = signUp.page().document().getElementById("tes-workos-second-step");
        if (codePage == null) {
            return signUp;
        }
        return new Logins.SignIn(clientId, browser.submit(codePage,
                Map.of("code", TesKeycloak.env().workos.latestEmailVerificationCode(email))), signUp.pkce());
    }

    /** Signs up, stopping where the registration form's post ends (the code page, when WorkOS asks for one). */
    static Logins.SignIn signUpOnly(Browser browser, String clientId, String email, String password, String confirm)
            throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        String url = Logins.oidc().authorizationUrl(clientId, "st-signup", pkce)
                .replace("/protocol/openid-connect/auth?", "/protocol/openid-connect/registrations?");
        Browser.Page page = browser.open(url);
        Element form = page.document().getElementById("kc-register-form");
        assertThat(form).as("registration form: %s", page.body()).isNotNull();
        return new Logins.SignIn(clientId, browser.submit(form, Map.of("email", email, "firstName", "Sam",
                "lastName", "Signup", "password", password, "password-confirm", confirm)), pkce);
    }

    /** The text of the error shown under a form field, or null. */
    static String fieldError(Browser.Page page, String field) {
        Element error = page.document().getElementById("input-error-" + field);
        return error == null ? null : error.text();
    }
}
