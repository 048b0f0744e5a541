package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The step on Keycloak's own Organizations feature, in a realm with no WorkOS provider at all. */
@ExtendWith(TesKeycloak.class)
@DisplayName("The organization selection step on Keycloak organizations, without WorkOS")
class KeycloakOrganizationsIT {

    private static final String REALM = "tes-orgs";
    private static final String CLIENT = "orgs-app";
    private static final String PASSWORD = "Orgs-pass-1!";
    private static String northwind;
    private static String contoso;

    @BeforeAll
    static void createRealm() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        admin.delete("/realms/" + REALM);
        Map<String, Object> step = Map.of("authenticator", "tes-organization-selection", "authenticatorConfig",
                "orgs selection", "requirement", "REQUIRED", "priority", 20, "authenticatorFlow", false);
        Map<String, Object> form = Map.of("authenticator", "auth-username-password-form", "requirement", "REQUIRED",
                "priority", 10, "authenticatorFlow", false);
        HttpResponse<String> created = admin.post("/realms", Map.of("realm", REALM, "enabled", true,
                "organizationsEnabled", true, "eventsEnabled", true, "browserFlow", "orgs browser",
                "authenticationFlows", List.of(Map.of("alias", "orgs browser", "providerId", "basic-flow",
                        "topLevel", true, "builtIn", false, "authenticationExecutions", List.of(form, step))),
                "authenticatorConfig", List.of(Map.of("alias", "orgs selection",
                        "config", Map.of("organization.remember", "true"))),
                "clients", List.of(Map.of("clientId", CLIENT, "publicClient", true, "standardFlowEnabled", true,
                        "redirectUris", List.of(Oidc.REDIRECT_URI),
                        "attributes", Map.of("pkce.code.challenge.method", "S256"),
                        "protocolMappers", List.of(Map.of("name", "selected organization",
                                "protocol", "openid-connect", "protocolMapper", "tes-selected-organization-mapper",
                                "config", Map.of("access.token.claim", "true", "id.token.claim", "true")))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        northwind = organization("Northwind Traders", "northwind");
        contoso = organization("Contoso <Recycling>", "contoso");
        String both = admin.createUser(REALM, "olga", PASSWORD);
        member(northwind, both);
        member(contoso, both);
        member(northwind, admin.createUser(REALM, "nina", PASSWORD));
        admin.createUser(REALM, "nobody", PASSWORD);
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + REALM);
    }

    private static String organization(String name, String alias) throws Exception {
        HttpResponse<String> created = TesKeycloak.env().admin.post("/realms/" + REALM + "/organizations",
                Map.of("name", name, "alias", alias, "enabled", true,
                        "domains", List.of(Map.of("name", alias + ".test"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void member(String organization, String userId) throws Exception {
        HttpResponse<String> added = TesKeycloak.env().admin.post("/realms/" + REALM + "/organizations/"
                + organization + "/members", userId);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private static Oidc oidc() {
        return new Oidc(TesKeycloak.env().keycloak.realmUrl(REALM));
    }

    /** Signs in on Keycloak's own login form; returns the page after it and the PKCE pair. */
    private static Logins.SignIn signIn(Browser browser, String username) throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser.Page login = browser.open(oidc().authorizationUrl(CLIENT, "st-orgs", pkce));
        Element form = login.document().getElementById("kc-form-login");
        assertThat(form).as(login.body()).isNotNull();
        return new Logins.SignIn(CLIENT, browser.submit(form, Map.of("username", username, "password", PASSWORD)),
                pkce);
    }

    private static JsonNode claims(Logins.SignIn signIn) throws Exception {
        assertThat(signIn.page().appParams()).as(signIn.page().body()).containsKey("code");
        HttpResponse<String> response = oidc().token(Map.of("grant_type", "authorization_code", "client_id", CLIENT,
                "code", signIn.page().appParams().get("code"), "redirect_uri", Oidc.REDIRECT_URI,
                "code_verifier", signIn.pkce().verifier()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jwts.verify(KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText(),
                oidc().jwks());
    }

    private static JsonNode latestLogin(String username) throws Exception {
        for (JsonNode event : TesKeycloak.env().admin.get("/realms/" + REALM + "/events?type=LOGIN&max=20")) {
            if (username.equals(event.path("details").path("username").asText())) {
                return event;
            }
        }
        throw new AssertionError("No LOGIN event for " + username);
    }

    @Test
    @DisplayName("Given a member of two organizations then the picker offers both, escaped, and the choice is "
            + "remembered for the next sign-in")
    void pickerThenRemembered() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn first = signIn(browser, "olga");
        Element picker = first.page().document().getElementById("tes-select-organization");
        assertThat(picker).as(first.page().body()).isNotNull();
        assertThat(picker.select("input[name=organization]").eachAttr("value"))
                .containsExactlyInAnyOrder(northwind, contoso);
        assertThat(picker.select("label").eachText()).containsExactly("Contoso <Recycling>", "Northwind Traders");
        assertThat(first.page().body()).contains("Contoso &lt;Recycling&gt;");

        JsonNode chosen = claims(new Logins.SignIn(CLIENT, browser.submit(picker,
                Map.of("organization", contoso)), first.pkce()));
        assertThat(chosen.path("org_id").asText()).isEqualTo(contoso);
        assertThat(chosen.path("org_name").asText()).isEqualTo("Contoso <Recycling>");
        assertThat(latestLogin("olga").path("details").path("organization_reason").asText()).isEqualTo("user");

        JsonNode again = claims(signIn(new Browser(), "olga"));
        assertThat(again.path("org_id").asText()).isEqualTo(contoso);
        assertThat(latestLogin("olga").path("details").path("organization_reason").asText())
                .isEqualTo("remembered");
    }

    @Test
    @DisplayName("Given a member of one organization then no picker is shown")
    void singleMembership() throws Exception {
        JsonNode claims = claims(signIn(new Browser(), "nina"));

        assertThat(claims.path("org_id").asText()).isEqualTo(northwind);
        assertThat(claims.path("org_name").asText()).isEqualTo("Northwind Traders");
        assertThat(latestLogin("nina").path("details").path("organization_reason").asText()).isEqualTo("single");
    }

    @Test
    @DisplayName("Given a user in no organization and nothing requiring one then the sign-in goes on without")
    void noOrganization() throws Exception {
        JsonNode claims = claims(signIn(new Browser(), "nobody"));

        assertThat(claims.has("org_id")).isFalse();
        assertThat(claims.path("preferred_username").asText()).isEqualTo("nobody");
    }

    @Test
    @DisplayName("Given the step set to require an organization then a user in none sees a clear page")
    void requiredOrganization() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        JsonNode config = null;
        for (JsonNode execution : admin.get("/realms/" + REALM
                + "/authentication/flows/orgs%20browser/executions")) {
            if (execution.has("authenticationConfig")) {
                config = admin.get("/realms/" + REALM + "/authentication/config/"
                        + execution.path("authenticationConfig").asText());
            }
        }
        assertThat(config).isNotNull();
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.path("config")).put("organization.required", "true");
        assertThat(admin.put("/realms/" + REALM + "/authentication/config/" + config.path("id").asText(), config)
                .statusCode()).isEqualTo(204);
        try {
            Browser.Page page = signIn(new Browser(), "nobody").page();

            assertThat(page.appRedirect()).isNull();
            assertThat(page.body()).contains("This application needs an organization");
        } finally {
            ((com.fasterxml.jackson.databind.node.ObjectNode) config.path("config"))
                    .put("organization.required", "false");
            admin.put("/realms/" + REALM + "/authentication/config/" + config.path("id").asText(), config);
        }
    }
}
