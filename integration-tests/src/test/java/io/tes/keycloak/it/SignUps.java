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

    static Logins.SignIn signUp(Browser browser, String clientId, String email, String password, String confirm)
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
