package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(TesKeycloak.class)
@DisplayName("The tes theme on a realm without WorkOS (Keycloak's own registration and reset)")
class KeycloakOnlyRealmIT {

    private static PlainRealm realm;

    @BeforeAll
    static void createRealm() throws Exception {
        realm = PlainRealm.create("plain-it");
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        realm.delete();
    }

    private static void assertThemed(Browser.Page page) {
        Document document = page.document();
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(document.select("link[rel=stylesheet]").eachAttr("href"))
                .as("stylesheets of %s", page.url()).anyMatch(href -> href.endsWith("/login/tes/css/tes.css"));
        assertThat(document.getElementById("kc-header-wrapper")).isNotNull();
        assertThat(document.getElementById("kc-header-wrapper").text()).isEqualTo("TES");
    }

    private static Element link(Browser.Page page, String hrefPart) {
        Element link = page.document().selectFirst("a[href*=" + hrefPart + "]");
        assertThat(link).as("link to %s on %s", hrefPart, page.body()).isNotNull();
        return link;
    }

    @Test
    @DisplayName("Given the sign-in page then it is the TES page with links to signup and password reset")
    void signInPage() throws Exception {
        Browser.Page login = new Browser().open(realm.authorizationUrl(Oidc.Pkce.create(), Map.of()));

        assertThemed(login);
        assertThat(login.document().getElementById("kc-page-title").text()).isEqualTo("Sign in to TES");
        assertThat(login.document().title()).isEqualTo("Sign in to TES");
        assertThat(link(login, "login-actions/registration").text()).isEqualTo("Create an account");
        assertThat(link(login, "reset-credentials").text()).isEqualTo("Forgot your password?");
    }

    @Test
    @DisplayName("Given ui_locales=de then sign-in, signup and reset pages are TES pages in German")
    void germanPages() throws Exception {
        Browser browser = new Browser();
        Browser.Page login = browser.open(realm.authorizationUrl(Oidc.Pkce.create(), Map.of("ui_locales", "de")));
        String resetUrl = link(login, "reset-credentials").absUrl("href");
        Browser.Page register = browser.open(link(login, "login-actions/registration").absUrl("href"));
        Browser.Page reset = browser.open(resetUrl);

        assertThemed(login);
        assertThat(login.document().selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(login.document().getElementById("kc-page-title").text()).isEqualTo("Bei TES anmelden");
        assertThemed(register);
        assertThat(register.document().getElementById("kc-page-title").text()).isEqualTo("TES-Konto erstellen");
        assertThat(register.document().getElementById("kc-register-form")).isNotNull();
        assertThemed(reset);
        assertThat(reset.document().getElementById("kc-page-title").text()).isEqualTo("Passwort zurücksetzen");
        assertThat(reset.document().getElementById("kc-reset-password-form")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en, Sign in to TES", "de, Bei TES anmelden", "fr, Se connecter à TES", "es, Iniciar sesión en TES"})
    @DisplayName("Given each language of the pack then the sign-in page speaks it")
    void everyLanguage(String language, String title) throws Exception {
        Browser.Page login = new Browser().open(realm.authorizationUrl(Oidc.Pkce.create(),
                Map.of("ui_locales", language)));

        assertThemed(login);
        assertThat(login.document().getElementById("kc-page-title").text()).isEqualTo(title);
    }

    @Test
    @DisplayName("Given the signup form filled in then a Keycloak user exists and the app gets a code")
    void registerKeycloakUser() throws Exception {
        String email = "signup-" + System.nanoTime() + "@plain.test";
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser browser = new Browser();
        Browser.Page login = browser.open(realm.authorizationUrl(pkce, Map.of("ui_locales", "de")));
        Browser.Page register = browser.open(link(login, "login-actions/registration").absUrl("href"));

        Browser.Page done = browser.submit(register.document().getElementById("kc-register-form"), Map.of(
                "email", email, "firstName", "Signe", "lastName", "Up",
                "password", PlainRealm.PASSWORD, "password-confirm", PlainRealm.PASSWORD));

        assertThat(done.appParams()).as(done.body()).containsKey("code");
        HttpResponse<String> tokens = realm.oidc().token(Map.of("grant_type", "authorization_code",
                "client_id", PlainRealm.CLIENT, "code", done.appParams().get("code"),
                "redirect_uri", Oidc.REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(realm.userExists(email)).isTrue();
        JsonNode user = TesKeycloak.env().admin.get("/realms/" + realm.name + "/users?exact=true&email=" + email)
                .get(0);
        assertThat(user.path("attributes").path("locale").path(0).asText()).isEqualTo("de");
    }

    @Test
    @DisplayName("Given a signup with mismatched passwords then the TES signup page says so and nobody is created")
    void registerWithMismatchedPasswords() throws Exception {
        String email = "mismatch-" + System.nanoTime() + "@plain.test";
        Browser browser = new Browser();
        Browser.Page login = browser.open(realm.authorizationUrl(Oidc.Pkce.create(), Map.of()));
        Browser.Page register = browser.open(link(login, "login-actions/registration").absUrl("href"));

        Browser.Page again = browser.submit(register.document().getElementById("kc-register-form"), Map.of(
                "email", email, "firstName", "Mis", "lastName", "Match",
                "password", PlainRealm.PASSWORD, "password-confirm", "Other-pass-1!"));

        assertThemed(again);
        assertThat(again.document().getElementById("kc-register-form")).isNotNull();
        assertThat(again.document().text()).contains("Password confirmation doesn't match.");
        assertThat(realm.userExists(email)).isFalse();
    }
}
