package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's session revocation, logout URL and hosted-page browser session")
class SessionRevocationTest {

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

    @BeforeEach
    void clearCalls() {
        workos.calls().clear();
    }

    private static String authorizeQuery() {
        return EmulatorClient.encode(Map.of("client_id", workos.clientId(), "redirect_uri", REDIRECT,
                "response_type", "code", "provider", "authkit", "state", "st-1",
                "code_challenge", AuthenticateApi.s256(VERIFIER), "code_challenge_method", "S256"));
    }

    /** Signs alice in on the hosted page; returns the browser cookie and the session's tokens. */
    private static SignedIn hostedSignIn() throws Exception {
        Map<String, String> form = new HashMap<>(ApiRequest.parseForm(authorizeQuery()));
        form.put("email", "alice@acme.test");
        form.put("password", "Demo-pass-1!");
        EmulatorClient.Reply reply = client.postForm("/user_management/authorize", form);
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie).startsWith(AuthorizePage.BROWSER_COOKIE + "=");
        return new SignedIn(cookie.substring(0, cookie.indexOf(';')), exchange(reply));
    }

    private static JsonNode exchange(EmulatorClient.Reply redirect) throws Exception {
        String code = ApiRequest.parseForm(URI.create(redirect.header("Location")).getRawQuery()).get("code");
        EmulatorClient.Reply tokens = client.authenticate(Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    private static String sid(JsonNode tokens) throws Exception {
        String payload = tokens.path("access_token").asText().split("\\.")[1];
        return EmulatorClient.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(payload)).path("sid").asText();
    }

    private static EmulatorClient.Reply authorizeWithCookie(String cookie, String extra) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(URI.create(workos.baseUrl()
                + "/user_management/authorize?" + authorizeQuery() + extra)).header("Cookie", cookie).GET().build());
    }

    private static EmulatorClient.Reply revoke(String sessionId) throws Exception {
        return client.postJson("/user_management/sessions/revoke", Map.of("session_id", sessionId),
                workos.apiKey());
    }

    private static EmulatorClient.Reply refresh(JsonNode tokens) throws Exception {
        return client.authenticate(Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.path("refresh_token").asText()));
    }

    record SignedIn(String cookie, JsonNode tokens) {
    }

    @Nested
    @DisplayName("Given a browser signed in on the hosted page")
    class HostedBrowser {

        @Test
        @DisplayName("when it authorizes again without prompt then it is signed in without the password")
        void silentSignIn() throws Exception {
            SignedIn alice = hostedSignIn();

            EmulatorClient.Reply again = authorizeWithCookie(alice.cookie(), "");

            assertThat(again.status()).as(again.body()).isEqualTo(302);
            assertThat(exchange(again).path("user").path("email").asText()).isEqualTo("alice@acme.test");
        }

        @Test
        @DisplayName("when it authorizes with a prompt then the form is shown")
        void promptShowsForm() throws Exception {
            SignedIn alice = hostedSignIn();

            EmulatorClient.Reply again = authorizeWithCookie(alice.cookie(), "&prompt=login");

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("name=\"password\"");
        }

        @Test
        @DisplayName("when its session is revoked then refresh fails and the hosted page asks for the password")
        void revokedSessionEndsTheBrowserSession() throws Exception {
            SignedIn alice = hostedSignIn();
            String sid = sid(alice.tokens());

            EmulatorClient.Reply revoked = revoke(sid);

            assertThat(revoked.status()).isEqualTo(204);
            assertThat(workos.sessionLive(sid)).isFalse();
            assertThat(refresh(alice.tokens()).status()).isEqualTo(400);
            EmulatorClient.Reply again = authorizeWithCookie(alice.cookie(), "");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("name=\"password\"");
            assertThat(workos.calls().of(Endpoint.REVOKE_SESSION)).extracting(CallLog.Call::status)
                    .containsExactly(204);
        }

        @Test
        @DisplayName("when it is sent to the logout URL then the cookie is cleared and it lands on return_to")
        void logoutUrl() throws Exception {
            SignedIn alice = hostedSignIn();
            String sid = sid(alice.tokens());

            EmulatorClient.Reply logout = client.send(java.net.http.HttpRequest.newBuilder(URI.create(
                    workos.baseUrl() + "/user_management/sessions/logout?session_id=" + sid
                            + "&return_to=http%3A%2F%2Flocalhost%3A8080%2Fdone%3Fstate%3Dx"))
                    .header("Cookie", alice.cookie()).GET().build());

            assertThat(logout.status()).isEqualTo(302);
            assertThat(logout.header("Location")).isEqualTo("http://localhost:8080/done?state=x");
            assertThat(logout.header("Set-Cookie")).startsWith(AuthorizePage.BROWSER_COOKIE + "=;")
                    .contains("Max-Age=0");
            assertThat(workos.sessionLive(sid)).isFalse();
            assertThat(authorizeWithCookie(alice.cookie(), "").status()).isEqualTo(200);
            assertThat(workos.calls().count(Endpoint.LOGOUT)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Given the revoke endpoint")
    class Revoke {

        @Test
        @DisplayName("when the session is unknown or already revoked then it answers 404 entity_not_found")
        void unknownSession() throws Exception {
            JsonNode tokens = client.password("alice@acme.test", "Demo-pass-1!").json();
            String sid = sid(tokens);
            assertThat(revoke(sid).status()).isEqualTo(204);

            EmulatorClient.Reply again = revoke(sid);
            EmulatorClient.Reply unknown = revoke("session_unknown");

            assertThat(again.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("code").asText()).isEqualTo("entity_not_found");
        }

        @Test
        @DisplayName("when the API key is missing then it answers 401 and the session lives")
        void needsTheApiKey() throws Exception {
            JsonNode tokens = client.password("alice@acme.test", "Demo-pass-1!").json();

            EmulatorClient.Reply reply = client.postJson("/user_management/sessions/revoke",
                    Map.of("session_id", sid(tokens)), null);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(workos.sessionLive(sid(tokens))).isTrue();
            assertThat(refresh(tokens).status()).isEqualTo(200);
        }
    }
}
