package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.testsupport.Browser;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The organization selection step with WorkOS organizations")
class OrganizationSelectionIT {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String SELECTION_GRANT = "urn:workos:oauth:grant-type:organization-selection";
    private static final String VIEWER_PERMISSIONS = "[\"read:event:own\",\"read:takeback:own\"]";

    private static Element picker(Browser.Page page) {
        Element form = page.document().getElementById("tes-select-organization");
        assertThat(form).as("picker expected at %s:%n%s", page.url(), page.body()).isNotNull();
        return form;
    }

    private static Map<String, String> offered(Browser.Page page) {
        Map<String, String> offered = new java.util.LinkedHashMap<>();
        for (Element input : picker(page).select("input[name=organization]")) {
            offered.put(input.val(), page.document().selectFirst("label[for=" + input.id() + "]").text());
        }
        return offered;
    }

    @Test
    @DisplayName("Given bob on the unpinned tes-portal then he picks Globex and gets its id, name and permissions")
    void bobPicksGlobex() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.passwordForm(browser, "tes-portal", "bob@multi.test", PASSWORD);
        assertThat(offered(signIn.page())).containsExactly(Map.entry("org_acme", "Acme Recycling"),
                Map.entry("org_globex", "Globex Logistics"));
        assertThat(TesKeycloak.env().workos.calls().countGrant(SELECTION_GRANT)).isZero();

        Browser.Page done = browser.submit(picker(signIn.page()), Map.of("organization", "org_globex"));
        JsonNode claims = new Logins.SignIn("tes-portal", done, signIn.pkce()).accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(claims.path("org_name").asText()).isEqualTo("Globex Logistics");
        assertThat(claims.path("permissions").toString()).isEqualTo(VIEWER_PERMISSIONS);
        assertThat(TesKeycloak.env().workos.calls().countGrant(SELECTION_GRANT)).isEqualTo(1);
        JsonNode login = Logins.latestEvent("LOGIN", "bob@multi.test");
        assertThat(login.path("details").path("organization_id").asText()).isEqualTo("org_globex");
        assertThat(login.path("details").path("organization_reason").asText()).isEqualTo("user");
    }

    @Test
    @DisplayName("Given bob through WorkOS's hosted page on tes-portal then the post-broker-login step asks him")
    void hostedSignInHandsOverToThePicker() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.hosted(browser, "tes-portal", "bob@multi.test", PASSWORD);
        assertThat(offered(signIn.page())).containsOnlyKeys("org_acme", "org_globex");

        Browser.Page done = browser.submit(picker(signIn.page()), Map.of("organization", "org_acme"));
        JsonNode claims = new Logins.SignIn("tes-portal", done, signIn.pkce()).accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(claims.path("org_name").asText()).isEqualTo("Acme Recycling");
        assertThat(TesKeycloak.env().workos.calls().countGrant(SELECTION_GRANT)).isEqualTo(1);
    }

    @Test
    @DisplayName("Given a first hosted sign-in (first-broker-login flow) then the hand-over survives to the picker "
            + "and is completed once")
    void firstHostedSignInReachesThePicker() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String email = "erin-" + System.nanoTime() + "@multi.test";
        String user = workos.addUser(email, PASSWORD, "Erin", "First");
        workos.addMembership(user, "org_acme", "viewer");
        workos.addMembership(user, "org_globex", "organizer");
        Browser browser = new Browser();

        Logins.SignIn signIn = Logins.hosted(browser, "tes-portal", email, PASSWORD);
        Browser.Page done = browser.submit(picker(signIn.page()), Map.of("organization", "org_globex"));
        JsonNode claims = new Logins.SignIn("tes-portal", done, signIn.pkce()).accessClaims();

        assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(claims.path("permissions").toString()).contains("write:event:org");
        assertThat(TesKeycloak.env().workos.calls().countGrant(SELECTION_GRANT)).isEqualTo(1);
        assertThat(Logins.keycloakUserExists(email)).isTrue();
    }

    @Test
    @DisplayName("Given a forged organization id in the post then it is refused and the picker shown again")
    void forgedChoiceIsRefused() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.passwordForm(browser, "tes-portal", "bob@multi.test", PASSWORD);

        Browser.Page again = browser.submit(picker(signIn.page()), Map.of("organization", "org_initech"));

        assertThat(again.appRedirect()).isNull();
        assertThat(offered(again)).containsOnlyKeys("org_acme", "org_globex");
        assertThat(again.body()).contains("Please choose one of the organizations listed.");
        assertThat(TesKeycloak.env().workos.calls().countGrant(SELECTION_GRANT)).isZero();
        JsonNode error = Logins.latestEvent("LOGIN_ERROR", "bob@multi.test");
        assertThat(error.path("details").path("organization_error").asText()).isEqualTo("organization_choice_invalid");

        Browser.Page done = browser.submit(picker(again), Map.of("organization", "org_acme"));
        assertThat(new Logins.SignIn("tes-portal", done, signIn.pkce()).accessClaims().path("org_id").asText())
                .isEqualTo("org_acme");
    }

    @Test
    @DisplayName("Given organization names holding HTML then the picker shows them as text")
    void namesAreEscaped() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String markup = "<img src=x onerror=alert(1)> Ops & \"Co\"";
        workos.addOrganization("org_markup", markup);
        String user = workos.addUser("dana@markup.test", PASSWORD, "Dana", "Markup");
        workos.addMembership(user, "org_markup", "viewer");
        workos.addMembership(user, "org_acme", "viewer");

        Browser.Page page = Logins.passwordForm("tes-portal", "dana@markup.test", PASSWORD).page();

        assertThat(offered(page)).containsEntry("org_markup", markup);
        assertThat(picker(page).select("img")).isEmpty();
        assertThat(page.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }

    @Test
    @DisplayName("Given a user in many organizations then the picker adds a labelled filter box; in two, none")
    void filterBoxForLongLists() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String user = workos.addUser("fay@many.test", PASSWORD, "Fay", "Many");
        for (int i = 1; i <= 8; i++) {
            workos.addOrganization("org_many_" + i, "Branch " + i);
            workos.addMembership(user, "org_many_" + i, "viewer");
        }

        Browser.Page many = Logins.passwordForm("tes-portal", "fay@many.test", PASSWORD).page();
        Browser.Page two = Logins.passwordForm("tes-portal", "bob@multi.test", PASSWORD).page();

        assertThat(offered(many)).hasSize(8);
        Element filter = many.document().getElementById("tes-organization-filter");
        assertThat(filter).isNotNull();
        assertThat(many.document().select("label[for=tes-organization-filter]")).hasSize(1);
        String script = many.document().selectFirst("script[src*=tes-organization-filter]").absUrl("src");
        Browser.Page served = new Browser().open(script);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).contains("tes-organization-filter");
        assertThat(two.document().getElementById("tes-organization-filter")).isNull();
    }

    @Test
    @DisplayName("Given bob in tes-web (Acme) and tes-portal (Globex) in one browser then each keeps its own, "
            + "also after refresh")
    void clientsKeepTheirOwnOrganization() throws Exception {
        Browser browser = new Browser();
        JsonNode web = Logins.passwordForm(browser, "tes-web", "bob@multi.test", PASSWORD).tokens();

        // Same browser: the SSO cookie signs bob in, the picker still asks which organization for this client.
        Logins.SignIn portalSignIn = Logins.authorize(browser, "tes-portal", Map.of());
        Browser.Page done = browser.submit(picker(portalSignIn.page()), Map.of("organization", "org_globex"));
        JsonNode portal = new Logins.SignIn("tes-portal", done, portalSignIn.pkce()).tokens();

        assertThat(Logins.claims(web).path("org_id").asText()).isEqualTo("org_acme");
        assertThat(Logins.claims(portal).path("org_id").asText()).isEqualTo("org_globex");
        assertThat(Logins.claims(portal).path("permissions").toString()).isEqualTo(VIEWER_PERMISSIONS);
        JsonNode webRefreshed = Logins.claims(Logins.refresh("tes-web", web.path("refresh_token").asText()));
        JsonNode portalRefreshed = Logins.claims(Logins.refresh("tes-portal",
                portal.path("refresh_token").asText()));
        assertThat(webRefreshed.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(webRefreshed.path("org_name").asText()).isEqualTo("Acme Recycling");
        assertThat(portalRefreshed.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(portalRefreshed.path("sid").asText()).isEqualTo(webRefreshed.path("sid").asText());
    }

    @Test
    @DisplayName("Given prompt=none with an organization hint then a member switches without a page, "
            + "a non-member gets access_denied")
    void silentSwitch() throws Exception {
        Browser browser = new Browser();
        Logins.SignIn signIn = Logins.passwordForm(browser, "tes-portal", "bob@multi.test", PASSWORD);
        Browser.Page done = browser.submit(picker(signIn.page()), Map.of("organization", "org_globex"));
        assertThat(new Logins.SignIn("tes-portal", done, signIn.pkce()).accessClaims().path("org_id").asText())
                .isEqualTo("org_globex");
        TesKeycloak.env().workos.calls().clear();

        Logins.SignIn switched = Logins.authorize(browser, "tes-portal",
                Map.of("prompt", "none", "organization", "org_acme"));
        JsonNode claims = switched.accessClaims();
        Logins.SignIn refused = Logins.authorize(browser, "tes-portal",
                Map.of("prompt", "none", "organization", "org_initech"));

        assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(claims.path("org_name").asText()).isEqualTo("Acme Recycling");
        assertThat(TesKeycloak.env().workos.calls().countGrant("refresh_token")).isEqualTo(1);
        assertThat(TesKeycloak.env().workos.calls().countGrant("password")).isZero();
        assertThat(refused.page().appParams()).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    @Test
    @DisplayName("Given prompt=none without a hint and a choice to make then the app gets login_required")
    void silentRequestNeverShowsThePicker() throws Exception {
        Browser browser = new Browser();
        Logins.passwordForm(browser, "tes-web", "bob@multi.test", PASSWORD).tokens();

        Logins.SignIn silent = Logins.authorize(browser, "tes-portal", Map.of("prompt", "none"));

        assertThat(silent.page().appParams()).containsEntry("error", "login_required");
    }
}
