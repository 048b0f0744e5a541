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

/** Signs in through a client's login page or WorkOS's hosted page, as a browser would, and reads the outcome. */
final class Logins {

    private Logins() {
    }

    /** Where a sign-in ended, with what is needed to exchange its code (at the Keycloak it started on). */
    record SignIn(Oidc oidc, String clientId, Browser.Page page, Oidc.Pkce pkce) {

        /** A sign-in on the shared Keycloak's realm {@code tes}. */
        SignIn(String clientId, Browser.Page page, Oidc.Pkce pkce) {
            this(Logins.oidc(), clientId, page, pkce);
        }

        /** Exchanges the code; returns the token response. */
        JsonNode tokens() throws Exception {
            assertThat(page.appParams()).as("%s%n%s", page.url(), page.body()).containsKey("code");
            HttpResponse<String> response = oidc().token(Map.of("grant_type", "authorization_code",
                    "client_id", clientId, "code", page.appParams().get("code"),
                    "redirect_uri", Oidc.REDIRECT_URI, "code_verifier", pkce.verifier()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return KeycloakAdmin.MAPPER.readTree(response.body());
        }

        /** The verified claims of the access token. */
        JsonNode accessClaims() throws Exception {
            return Jwts.verify(tokens().path("access_token").asText(), oidc().jwks());
        }
    }

    static Oidc oidc() {
        return new Oidc(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM));
    }

    /** Opens the client's login page with PKCE, posts email and password, and returns where the browser ended. */
    static SignIn passwordForm(String clientId, String email, String password) throws Exception {
        return passwordForm(oidc(), clientId, email, password);
    }

    /** The same on another Keycloak than the shared one (its realm's {@link Oidc}). */
    static SignIn passwordForm(Oidc oidc, String clientId, String email, String password) throws Exception {
        return passwordForm(oidc, new Browser(), clientId, email, password);
    }

    /** In a given browser, which may hold an SSO cookie of an earlier sign-in. */
    static SignIn passwordForm(Browser browser, String clientId, String email, String password) throws Exception {
        return passwordForm(oidc(), browser, clientId, email, password);
    }

    /** In a given browser on a given Keycloak (a cluster node). */
    static SignIn passwordForm(Oidc oidc, Browser browser, String clientId, String email, String password)
            throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser.Page login = browser.open(oidc.authorizationUrl(clientId, "st-" + clientId, pkce));
        Element form = login.document().getElementById("kc-form-login");
        assertThat(form).as("login form: %s", login.body()).isNotNull();
        return new SignIn(oidc, clientId, browser.submit(form, Map.of("username", email, "password", password)),
                pkce);
    }

    /**
     * Signs a Keycloak-local user in on Keycloak's built-in browser flow: realm tes has Organizations on (the WorkOS
     * mirror), so that flow asks for the user name first (identity-first) and then the password; a page that asks
     * for both takes both at once.
     */
    static Browser.Page builtInFlow(Browser browser, Browser.Page login, String username, String password)
            throws Exception {
        Element form = login.document().getElementById("kc-form-login");
        assertThat(form).as("login form: %s", login.body()).isNotNull();
        Browser.Page next = browser.submit(form, Map.of("username", username, "password", password));
        Element passwordForm = next.appRedirect() == null ? next.document().getElementById("kc-form-login") : null;
        if (passwordForm != null && passwordForm.selectFirst("input[name=password]") != null
                && next.document().getElementById("input-error") == null) {
            return browser.submit(passwordForm, Map.of("password", password));
        }
        return next;
    }

    /** Starts at the client with {@code kc_idp_hint=workos} and signs in on the emulator's hosted page. */
    static SignIn hosted(String clientId, String email, String password) throws Exception {
        return hosted(new Browser(), clientId, email, password);
    }

    static SignIn hosted(Browser browser, String clientId, String email, String password) throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser.Page workosPage = browser.open(oidc().authorizationUrl(clientId, "st-hosted",
                Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256", "kc_idp_hint", "workos")));
        assertThat(workosPage.url()).as(workosPage.body()).startsWith(TesKeycloak.env().workos.baseUrl());
        Element form = workosPage.document().selectFirst("form");
        assertThat(form).as(workosPage.body()).isNotNull();
        return new SignIn(oidc(), clientId, browser.submit(form, Map.of("email", email, "password", password)), pkce);
    }

    /** Opens an authorization request in a browser that may hold an SSO cookie; extra parameters as given. */
    static SignIn authorize(Browser browser, String clientId, Map<String, String> extra) throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Map<String, String> parameters = new java.util.HashMap<>(extra);
        parameters.put("code_challenge", pkce.challenge());
        parameters.put("code_challenge_method", "S256");
        return new SignIn(clientId, browser.open(oidc().authorizationUrl(clientId, "st-" + clientId, parameters)),
                pkce);
    }

    /** A refresh grant for a public client; returns the token response (status checked). */
    static JsonNode refresh(String clientId, String refreshToken) throws Exception {
        HttpResponse<String> response = oidc().token(Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }

    static JsonNode claims(JsonNode tokens) throws Exception {
        return Jwts.verify(tokens.path("access_token").asText(), oidc().jwks());
    }

    /** The newest event of this type for this user name, from the realm's stored events. */
    static JsonNode latestEvent(String type, String username) throws Exception {
        JsonNode events = TesKeycloak.env().admin.get("/realms/tes/events?type=" + type + "&max=50");
        for (JsonNode event : events) {
            if (username.equalsIgnoreCase(event.path("details").path("username").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event for " + username + " in " + events);
    }

    static boolean keycloakUserExists(String email) throws Exception {
        return TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email).size() > 0;
    }
}
