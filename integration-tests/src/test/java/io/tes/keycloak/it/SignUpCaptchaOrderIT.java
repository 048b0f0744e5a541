package io.tes.keycloak.it;

import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static io.tes.keycloak.it.WorkOsDirectory.workOsUsers;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A registration form whose reCAPTCHA comes after WorkOS sign-up, in a realm of its own (a realm's registration flow
 * cannot be overridden per client). Keycloak runs every form action's validation, so the reCAPTCHA would not stop the
 * WorkOS user being created: sign-up refuses instead. The browser posts no {@code g-recaptcha-response} (that field
 * comes from Google's script), so Keycloak's reCAPTCHA action fails without calling Google.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("WorkOS sign-up with a reCAPTCHA after it in the registration form")
class SignUpCaptchaOrderIT {

    private static final String CLIENT = "captcha-app";
    private static final String FLOW = "captcha-registration";
    private static final String FORM = "captcha-registration-form";
    private static final String RECAPTCHA = "registration-recaptcha-action";

    private static String realm;

    @BeforeAll
    static void createRealm() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        realm = "captcha-" + Long.toString(System.nanoTime(), 36);
        created(admin.post("/realms", Map.of("realm", realm, "enabled", true, "loginTheme", "tes",
                "registrationAllowed", true, "registrationEmailAsUsername", true, "eventsEnabled", true,
                "clients", List.of(Map.of("clientId", CLIENT, "publicClient", true,
                        "redirectUris", List.of(Browser.APP + "/*"),
                        "attributes", Map.of("pkce.code.challenge.method", "S256"))))));
        created(admin.post(path("/identity-provider/instances"), Map.of("alias", "workos", "providerId", "workos",
                "enabled", true, "config", Map.of("clientId", TesKeycloak.env().workos.clientId(),
                        "clientSecret", TesKeycloak.env().workos.apiKey(),
                        "apiBaseUrl", TesKeycloak.env().workos.baseUrl()))));
        created(admin.post(path("/authentication/flows"), Map.of("alias", FLOW, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false)));
        created(admin.post(path("/authentication/flows/" + FLOW + "/executions/flow"), Map.of("alias", FORM,
                "type", "form-flow", "provider", "registration-page-form")));
        created(admin.post(path("/authentication/flows/" + FORM + "/executions/execution"),
                Map.of("provider", "tes-workos-signup")));
        created(admin.post(path("/authentication/flows/" + FORM + "/executions/execution"),
                Map.of("provider", RECAPTCHA)));
        created(admin.post(path("/authentication/executions/" + execution(RECAPTCHA).path("id").asText()
                + "/config"), Map.of("alias", "captcha-test", "config", Map.of("site.key", "test-site-key",
                        "secret.key", "test-secret-key"))));
        // WorkOS's second step (the new email's code) after the form, as the admin guide asks.
        created(admin.post(path("/authentication/flows/" + FLOW + "/executions/execution"),
                Map.of("provider", "tes-workos-second-step")));
        require("registration-page-form", "REQUIRED");
        require("tes-workos-signup", "REQUIRED");
        require("tes-workos-second-step", "REQUIRED");
        assertThat(admin.put(path(""), Map.of("registrationFlow", FLOW)).statusCode()).isEqualTo(204);
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + realm);
    }

    private static String path(String rest) {
        return "/realms/" + realm + rest;
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(201, 204);
    }

    /** The execution of the registration flow (sub-flows included) whose provider is this one. */
    private static JsonNode execution(String provider) throws Exception {
        for (JsonNode execution : TesKeycloak.env().admin.get(path("/authentication/flows/" + FLOW + "/executions"))) {
            if (provider.equals(execution.path("providerId").asText())) {
                return execution;
            }
        }
        throw new AssertionError("No execution " + provider + " in " + FLOW);
    }

    private static void require(String provider, String requirement) throws Exception {
        ObjectNode execution = (ObjectNode) execution(provider);
        execution.put("requirement", requirement);
        HttpResponse<String> updated = TesKeycloak.env().admin.put(path("/authentication/flows/" + FLOW
                + "/executions"), execution);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    private static Browser.Page signUp(String email) throws Exception {
        Browser browser = new Browser();
        Oidc oidc = new Oidc(TesKeycloak.env().keycloak.realmUrl(realm));
        Oidc.Pkce pkce = Oidc.Pkce.create();
        Browser.Page page = browser.open(oidc.authorizationUrl(CLIENT, "st-captcha", pkce)
                .replace("/protocol/openid-connect/auth?", "/protocol/openid-connect/registrations?"));
        Element form = page.document().getElementById("kc-register-form");
        assertThat(form).as("registration form: %s", page.body()).isNotNull();
        Browser.Page after = browser.submit(form, Map.of("email", email, "firstName", "Cap", "lastName", "Tcha",
                "password", SignUps.PASSWORD, "password-confirm", SignUps.PASSWORD));
        Element codePage = after.document().getElementById("tes-workos-second-step");
        return codePage == null ? after : browser.submit(codePage,
                Map.of("code", TesKeycloak.env().workos.latestEmailVerificationCode(email)));
    }

    private static JsonNode latestRegisterError(String email) throws Exception {
        for (JsonNode event : TesKeycloak.env().admin.get(path("/events?type=REGISTER_ERROR&max=20"))) {
            if (email.equals(event.path("details").path("email").asText())) {
                return event;
            }
        }
        throw new AssertionError("No REGISTER_ERROR for " + email);
    }

    @Test
    @DisplayName("Given the reCAPTCHA required after WorkOS sign-up then nothing is created and the event says why")
    void captchaAfterSignUpRefuses() throws Exception {
        require(RECAPTCHA, "REQUIRED");
        String email = uniqueEmail("captcha-after");

        Browser.Page page = signUp(email);

        assertThat(page.appRedirect()).isNull();
        assertThat(page.document().getElementById("kc-register-form")).as(page.body()).isNotNull();
        assertThat(page.body()).contains("Sign-up is not set up correctly");
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER)).isZero();
        assertThat(workOsUsers(email)).isZero();
        assertThat(TesKeycloak.env().admin.get(path("/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8)))).isEmpty();
        JsonNode event = latestRegisterError(email);
        assertThat(event.path("error").asText()).isEqualTo("invalid_config");
        assertThat(event.path("details").path("workos_error").asText())
                .isEqualTo("workos_signup_captcha_misordered");
    }

    @Test
    @DisplayName("Given the reCAPTCHA after WorkOS sign-up but disabled then sign-up goes on as usual")
    void disabledCaptchaIsIgnored() throws Exception {
        require(RECAPTCHA, "DISABLED");
        String email = uniqueEmail("captcha-off");

        Browser.Page page = signUp(email);

        assertThat(page.appParams()).as(page.body()).containsKey("code");
        assertThat(workOsUsers(email)).isEqualTo(1);
    }

    @Test
    @DisplayName("Given the reCAPTCHA before WorkOS sign-up and no CAPTCHA answer then the reCAPTCHA refuses and "
            + "no WorkOS user is created (sign-up waits until every action of the form passed)")
    void captchaBeforeSignUpStopsCreation() throws Exception {
        String captcha = execution(RECAPTCHA).path("id").asText();
        assertThat(TesKeycloak.env().admin.post(path("/authentication/executions/" + captcha + "/raise-priority"),
                Map.of()).statusCode()).isEqualTo(204);
        try {
            require(RECAPTCHA, "REQUIRED");
            String email = uniqueEmail("captcha-before");
            long creates = TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER);

            Browser.Page page = signUp(email);

            assertThat(page.appRedirect()).isNull();
            assertThat(page.document().getElementById("kc-register-form")).as(page.body()).isNotNull();
            assertThat(page.body()).doesNotContain("Sign-up is not set up correctly");
            assertThat(TesKeycloak.env().workos.calls().count(Endpoint.CREATE_USER)).isEqualTo(creates);
            assertThat(workOsUsers(email)).isZero();
        } finally {
            TesKeycloak.env().admin.post(path("/authentication/executions/" + captcha + "/lower-priority"),
                    Map.of());
        }
    }
}
