package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Authorization code + PKCE through Keycloak's login form")
class AuthorizationCodePkceIT {

    /** A client of this test that keeps Keycloak's built-in browser flow, so a Keycloak-local user can sign in. */
    private static final String CLIENT = "pkce-local-test";
    private static final String USER = "pkce-local-user@local.test";
    private static final String PASSWORD = "Local-pass-1!";

    private static Oidc oidc;

    @BeforeAll
    static void createClientAndUser() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        admin.createBuiltInFlowClient(TesKeycloak.REALM, CLIENT, Map.of("pkce.code.challenge.method", "S256"));
        admin.createUser(TesKeycloak.REALM, USER, PASSWORD);
        oidc = new Oidc(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM));
    }

    private static Element loginForm(Browser.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Element form = page.document().getElementById("kc-form-login");
        assertThat(form).as("login form on %s", page.url()).isNotNull();
        return form;
    }

    @Test
    @DisplayName("Given a Keycloak-local user then the code exchange returns tokens that verify against the realm JWKS")
    void localUserSignsIn() throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser browser = new Browser();
        Browser.Page login = browser.open(oidc.authorizationUrl(CLIENT, "state-1", pkce));

        loginForm(login);
        Browser.Page back = Logins.builtInFlow(browser, login, USER, PASSWORD);

        assertThat(back.appRedirect()).as(back.body()).isNotNull();
        assertThat(back.appParams()).containsEntry("state", "state-1").containsKey("code");
        HttpResponse<String> tokens = oidc.token(Map.of("grant_type", "authorization_code", "client_id", CLIENT,
                "code", back.appParams().get("code"), "redirect_uri", Oidc.REDIRECT_URI,
                "code_verifier", pkce.verifier()));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = KeycloakAdmin.MAPPER.readTree(tokens.body());
        JsonNode access = Jwts.verify(body.path("access_token").asText(), oidc.jwks());
        JsonNode id = Jwts.verify(body.path("id_token").asText(), oidc.jwks());
        assertThat(access.path("iss").asText()).endsWith("/realms/tes");
        assertThat(access.path("azp").asText()).isEqualTo(CLIENT);
        assertThat(id.path("preferred_username").asText()).isEqualTo(USER);
        assertThat(body.path("refresh_token").asText()).isNotBlank();
    }

    @Test
    @DisplayName("Given the login page then it is rendered by the pack's tes theme")
    void loginPageUsesTesTheme() throws Exception {
        Browser.Page login = new Browser().open(oidc.authorizationUrl("tes-web", "state-2", Oidc.Pkce.create()));

        loginForm(login);
        assertThat(login.document().select("link[rel=stylesheet]").eachAttr("href"))
                .anySatisfy(href -> assertThat(href).contains("/login/tes/css/tes.css"));
    }

    @Test
    @DisplayName("Given a wrong verifier then the code exchange is refused")
    void wrongVerifierRefused() throws Exception {
        Browser browser = new Browser();
        Browser.Page back = Logins.builtInFlow(browser, browser.open(oidc.authorizationUrl(CLIENT, "state-3",
                Oidc.Pkce.create())), USER, PASSWORD);

        HttpResponse<String> tokens = oidc.token(Map.of("grant_type", "authorization_code", "client_id", CLIENT,
                "code", back.appParams().get("code"), "redirect_uri", Oidc.REDIRECT_URI,
                "code_verifier", Oidc.Pkce.create().verifier()));

        assertThat(tokens.statusCode()).isEqualTo(400);
        assertThat(tokens.body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("Given a public client without PKCE, or with plain PKCE, then Keycloak refuses before any login")
    void pkceRequired() throws Exception {
        Browser.Page missing = new Browser().open(oidc.authorizationUrl("tes-web", "state-4", Map.of()));
        Browser.Page plain = new Browser().open(oidc.authorizationUrl("tes-web", "state-5",
                Map.of("code_challenge", "plain-challenge-plain-challenge-plain-challenge-0123",
                        "code_challenge_method", "plain")));

        assertThat(missing.appParams()).containsEntry("error", "invalid_request");
        assertThat(plain.appParams()).containsEntry("error", "invalid_request");
    }
}
