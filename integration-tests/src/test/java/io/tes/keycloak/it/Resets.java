package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;

/** "Forgot password?" from a client's login page, and the reset emails the emulator kept. */
final class Resets {

    private Resets() {
    }

    /** Follows the login page's "Forgot password?" link and asks for a reset of this email. */
    static Browser.Page request(String email) throws Exception {
        Browser browser = new Browser();
        Browser.Page login = browser.open(Logins.oidc().authorizationUrl("tes-portal", "st-reset", Oidc.Pkce.create()));
        Element forgot = login.document().selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as("Forgot password link: %s", login.body()).isNotNull();
        Browser.Page ask = browser.open(forgot.absUrl("href"));
        Element form = ask.document().getElementById("kc-reset-password-form");
        assertThat(form).as(ask.body()).isNotNull();
        return browser.submit(form, Map.of("username", email));
    }

    /** The link of the newest reset email sent to this address. */
    static String latestLink(String email) {
        List<Map<String, String>> outbox = TesKeycloak.env().workos.outbox();
        for (int i = outbox.size() - 1; i >= 0; i--) {
            if (email.equals(outbox.get(i).get("email"))) {
                return outbox.get(i).get("url");
            }
        }
        throw new AssertionError("No reset email for " + email);
    }

    static long emailsTo(String email) {
        return TesKeycloak.env().workos.outbox().stream().filter(mail -> email.equals(mail.get("email"))).count();
    }

    /** Opens a reset link and submits the new password twice. */
    static Browser.Page setPassword(Browser browser, String link, String password) throws Exception {
        Browser.Page page = browser.open(link);
        Element form = page.document().getElementById("tes-set-password-form");
        assertThat(form).as(page.body()).isNotNull();
        return browser.submit(form, Map.of("password-new", password, "password-confirm", password));
    }

    /** The newest stored event of this type whose {@code workos_error} detail is the given code. */
    static JsonNode latestEventWithError(String type, String code) throws Exception {
        for (JsonNode event : TesKeycloak.env().admin.get("/realms/tes/events?type=" + type + "&max=50")) {
            if (code.equals(event.path("details").path("workos_error").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event with workos_error " + code);
    }
}
