package io.tes.keycloak.it;

import static io.tes.keycloak.it.WorkOsDirectory.createWorkOsUser;
import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.testsupport.Browser;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Resetting a password through WorkOS")
class WorkOsPasswordResetIT {

    private static final String OLD = "Before-reset-1!";
    private static final String NEW = "After-reset-2!";

    @Test
    @DisplayName("Given a known and an unknown email then both end on the same page and only the known one gets mail")
    void knownAndUnknownEmailLookAlike() throws Exception {
        String known = uniqueEmail("known");
        createWorkOsUser(known, OLD);
        String unknown = uniqueEmail("unknown");

        Browser.Page forKnown = Resets.request(known);
        Browser.Page forUnknown = Resets.request(unknown);

        assertThat(forKnown.status()).isEqualTo(forUnknown.status());
        assertThat(forKnown.body()).contains("If an account exists for this email");
        assertThat(forUnknown.body()).contains("If an account exists for this email");
        assertThat(visibleText(forKnown)).isEqualTo(visibleText(forUnknown));
        assertThat(Resets.emailsTo(known)).isEqualTo(1);
        assertThat(Resets.emailsTo(unknown)).isZero();
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.PASSWORD_RESET)).isEqualTo(2);
    }

    @Test
    @DisplayName("Given the emailed link then the new password works, the old one stops working, and the link is spent")
    void resetLinkSetsTheNewPassword() throws Exception {
        String email = uniqueEmail("reset");
        createWorkOsUser(email, OLD);
        assertThat(Logins.passwordForm("tes-portal", email, OLD).page().appParams()).containsKey("code");
        Resets.request(email);
        String link = Resets.latestLink(email);

        Browser.Page done = Resets.setPassword(new Browser(), link, NEW);

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Your password has been changed");
        assertThat(done.document().getElementById("tes-sign-in")).isNotNull();
        assertThat(Logins.passwordForm("tes-portal", email, NEW).page().appParams()).containsKey("code");
        assertThat(Logins.passwordForm("tes-portal", email, OLD).page().body())
                .contains("Invalid username or password.");

        Browser.Page again = Resets.setPassword(new Browser(), link, "Third-pass-3!");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("invalid, has expired or has already been used");
        Element newLink = again.document().getElementById("tes-request-new-link");
        assertThat(newLink).isNotNull();
        assertThat(newLink.attr("href")).contains("/login-actions/reset-credentials");
        assertThat(new Browser().open(newLink.absUrl("href")).document().getElementById("kc-reset-password-form"))
                .isNotNull();
        assertThat(Resets.latestEventWithError("RESET_PASSWORD_ERROR", "workos_reset_token_invalid")
                .path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    @DisplayName("Given a weak new password then the form says so on the field and the link still works")
    void weakPasswordIsAFieldError() throws Exception {
        String email = uniqueEmail("weak-reset");
        createWorkOsUser(email, OLD);
        Resets.request(email);
        String link = Resets.latestLink(email);
        Browser browser = new Browser();

        Browser.Page weak = Resets.setPassword(browser, link, "short");

        assertThat(weak.document().getElementById("input-error-password-new").text()).contains("too weak");
        assertThat(weak.document().getElementById("tes-set-password-form")).isNotNull();
        assertThat(Resets.setPassword(browser, link, NEW).body()).contains("Your password has been changed");
    }

    @Test
    @DisplayName("Given markup in the token then the page shows it escaped, never as markup")
    void reflectedTokenIsEscaped() throws Exception {
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
        String url = TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM) + "/tes-password-reset?token="
                + URLEncoder.encode(hostile, StandardCharsets.UTF_8) + "&client_id="
                + URLEncoder.encode(hostile, StandardCharsets.UTF_8);

        Browser.Page page = new Browser().open(url);

        assertThat(page.body()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
        assertThat(page.document().select("script:containsData(alert)")).isEmpty();
        assertThat(page.document().selectFirst("input[name=token]").val()).isEqualTo(hostile);
    }

    @Test
    @DisplayName("Given a post without the page's cookie (another site's form) then WorkOS is never asked")
    void crossSitePostIsRefused() throws Exception {
        String email = uniqueEmail("csrf");
        createWorkOsUser(email, OLD);
        Resets.request(email);
        Browser.Page page = new Browser().open(Resets.latestLink(email));
        Element form = page.document().getElementById("tes-set-password-form");
        TesKeycloak.env().workos.calls().clear();

        Browser.Page forged = new Browser().submit(form, Map.of("password-new", NEW, "password-confirm", NEW));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("This page has expired");
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.PASSWORD_RESET_CONFIRM)).isZero();
    }

    private static String visibleText(Browser.Page page) {
        return page.document().select("h1, .pf-v5-c-alert, #kc-form-login label").text();
    }
}
