package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's hosted sign-in page and code grant")
class HostedSignInTest {

    private static final String REDIRECT = "http://localhost:8080/realms/tes/broker/workos/endpoint";
    private static final String VERIFIER = "a-long-enough-code-verifier-for-pkce-0123456789abcdef";

    private static WorkOsEmulator workos;
    private static EmulatorClient client;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
    }

    @AfterAll
    static void stop() {
        workos.close();
    }

    private static Map<String, String> authorizeParams() {
        Map<String, String> params = new HashMap<>(Map.of("client_id", workos.clientId(), "redirect_uri", REDIRECT,
                "response_type", "code", "provider", "authkit", "state", "st-1<x>",
                "code_challenge", AuthenticateApi.s256(VERIFIER), "code_challenge_method", "S256"));
        return params;
    }

    /** Posts the form as a browser would and returns the code from the redirect. */
    private static String signIn(Map<String, String> params, String email, String password) throws Exception {
        Map<String, String> form = new HashMap<>(params);
        form.put("email", email);
        form.put("password", password);
        EmulatorClient.Reply reply = client.postForm("/user_management/authorize", form);
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        String query = URI.create(reply.header("Location")).getRawQuery();
        Map<String, String> values = ApiRequest.parseForm(query);
        assertThat(values.get("state")).isEqualTo(params.get("state"));
        return values.get("code");
    }

    private static EmulatorClient.Reply exchange(String code, String verifier) throws Exception {
        Map<String, String> fields = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code));
        if (verifier != null) {
            fields.put("code_verifier", verifier);
        }
        return client.authenticate(fields);
    }

    @Nested
    @DisplayName("Given the authorize page")
    class Page {

        @Test
        @DisplayName("when opened then it shows a sign-in form carrying the parameters, escaped")
        void showsForm() throws Exception {
            EmulatorClient.Reply page = client.get("/user_management/authorize?"
                    + EmulatorClient.encode(authorizeParams()) + "&login_hint=alice%40acme.test", null);

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\"", "name=\"password\"",
                    "value=\"alice@acme.test\"", "value=\"st-1&lt;x&gt;\"").doesNotContain("st-1<x>");
        }

        @Test
        @DisplayName("when screen_hint=sign-up then the form signs a new user up")
        void signUp() throws Exception {
            Map<String, String> params = authorizeParams();
            params.put("screen_hint", "sign-up");
            EmulatorClient.Reply page = client.get("/user_management/authorize?" + EmulatorClient.encode(params), null);
            assertThat(page.body()).contains("Create account", "name=\"first_name\"");

            Map<String, String> form = new HashMap<>(params);
            form.put("email", "carol@new.test");
            form.put("password", "Carol-pass-1!");
            EmulatorClient.Reply verify = client.postForm("/user_management/authorize", form);
            // A new user's email is not verified: the page asks for the emailed code first (the demo's setting).
            assertThat(verify.body()).contains("id=\"email-verification\"");
            Map<String, String> step = EmulatorClient.hiddenFields(verify.body());
            step.put("code", workos.latestEmailVerificationCode("carol@new.test"));
            String location = client.postForm("/user_management/authorize", step).header("Location");
            String code = ApiRequest.parseForm(URI.create(location).getRawQuery()).get("code");
            EmulatorClient.Reply tokens = exchange(code, VERIFIER);

            assertThat(tokens.status()).isEqualTo(200);
            assertThat(tokens.json().path("user").path("email_verified").asBoolean()).isTrue();
            assertThat(tokens.json().path("user").path("email").asText()).isEqualTo("carol@new.test");
            assertThat(tokens.json().has("organization_id")).isFalse();
        }

        @Test
        @DisplayName("when the request has no route then 400")
        void rejectsRoutelessRequest() throws Exception {
            Map<String, String> params = authorizeParams();
            params.remove("provider");

            assertThat(client.get("/user_management/authorize?" + EmulatorClient.encode(params), null).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("Given a code from the page")
    class CodeExchange {

        @Test
        @DisplayName("when exchanged with the right verifier then tokens come back, and the code works once")
        void singleUse() throws Exception {
            String code = signIn(authorizeParams(), "alice@acme.test", "Demo-pass-1!");

            EmulatorClient.Reply first = exchange(code, VERIFIER);
            EmulatorClient.Reply second = exchange(code, VERIFIER);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("organization_id").asText()).isEqualTo("org_acme");
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.json().path("error").asText()).isEqualTo("invalid_grant");
        }

        @Test
        @DisplayName("when exchanged with a wrong or missing verifier then invalid_grant")
        void checksPkce() throws Exception {
            assertThat(exchange(signIn(authorizeParams(), "alice@acme.test", "Demo-pass-1!"), "wrong").status())
                    .isEqualTo(400);
            assertThat(exchange(signIn(authorizeParams(), "alice@acme.test", "Demo-pass-1!"), null).status())
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("when a multi-organization user signs in without an organization then selection is required")
        void multiOrganizationNeedsSelection() throws Exception {
            EmulatorClient.Reply reply = exchange(signIn(authorizeParams(), "bob@multi.test", "Demo-pass-1!"),
                    VERIFIER);

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().path("code").asText()).isEqualTo("organization_selection_required");
        }

        @Test
        @DisplayName("when the page was opened for an organization then the code is bound to it")
        void organizationRoute() throws Exception {
            Map<String, String> params = authorizeParams();
            params.remove("provider");
            params.put("organization_id", "org_globex");

            JsonNode body = exchange(signIn(params, "bob@multi.test", "Demo-pass-1!"), VERIFIER).json();

            assertThat(body.path("organization_id").asText()).isEqualTo("org_globex");
        }

        @Test
        @DisplayName("when the password is wrong then the form is shown again with an error and no code")
        void wrongPassword() throws Exception {
            Map<String, String> form = new HashMap<>(authorizeParams());
            form.put("email", "alice@acme.test");
            form.put("password", "wrong-password-1");

            EmulatorClient.Reply reply = client.postForm("/user_management/authorize", form);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).contains("Invalid email or password.");
            assertThat(reply.header("Location")).isNull();
        }
    }
}
