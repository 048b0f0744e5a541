package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The realm's security settings: PKCE client policy, brute-force detection, stored events")
class RealmSecurityIT {

    private static final String PUBLIC_CLIENT = "pkce-policy-test";
    private static final String CLIENT = "security-test";
    private static final String SECRET = "security-test-secret";
    private static final String PASSWORD = "Local-pass-1!";
    private static final String WRONG = "Not-the-password-1";

    private static String publicClientId;

    /** A public client created without any PKCE setting, signing in with Keycloak's own browser flow. */
    @BeforeAll
    static void createClientsAndUsers() throws Exception {
        KeycloakAdmin admin = TesKeycloak.env().admin;
        publicClientId = admin.createBuiltInFlowClient(TesKeycloak.REALM, PUBLIC_CLIENT, Map.of());
        LocalClients.createConfidential(CLIENT, SECRET);
        admin.createUser(TesKeycloak.REALM, "security-user@local.test", PASSWORD);
    }

    @Nested
    @DisplayName("Given the PKCE policy for public clients")
    class Pkce {

        @Test
        @DisplayName("then a public client created without PKCE gets S256, and switching it to plain keeps S256")
        void policyConfiguresS256() throws Exception {
            KeycloakAdmin admin = TesKeycloak.env().admin;
            ObjectNode client = (ObjectNode) admin.get("/realms/tes/clients/" + publicClientId);
            assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");

            ((ObjectNode) client.path("attributes")).put("pkce.code.challenge.method", "plain");
            admin.put("/realms/tes/clients/" + publicClientId, client);

            assertThat(admin.get("/realms/tes/clients/" + publicClientId).path("attributes")
                    .path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        }

        @Test
        @DisplayName("then an authorization request without PKCE or with plain PKCE is refused before any login")
        void authorizationRequestNeedsS256() throws Exception {
            Oidc oidc = Logins.oidc();
            Browser.Page missing = new Browser().open(oidc.authorizationUrl(PUBLIC_CLIENT, "s-1", Map.of()));
            Browser.Page plain = new Browser().open(oidc.authorizationUrl(PUBLIC_CLIENT, "s-2",
                    Map.of("code_challenge", "plain-challenge-plain-challenge-plain-challenge-0123",
                            "code_challenge_method", "plain")));

            assertThat(missing.appParams()).containsEntry("error", "invalid_request");
            assertThat(plain.appParams()).containsEntry("error", "invalid_request");
        }

        @Test
        @DisplayName("then a code exchange without the verifier is refused and with it succeeds")
        void codeExchangeNeedsVerifier() throws Exception {
            Oidc.Pkce pkce = Oidc.Pkce.create();
            String withoutVerifier = code(pkce);
            String withVerifier = code(pkce);

            HttpResponse<String> refused = Logins.oidc().token(Map.of("grant_type", "authorization_code",
                    "client_id", PUBLIC_CLIENT, "code", withoutVerifier, "redirect_uri", Oidc.REDIRECT_URI));
            HttpResponse<String> granted = Logins.oidc().token(Map.of("grant_type", "authorization_code",
                    "client_id", PUBLIC_CLIENT, "code", withVerifier, "redirect_uri", Oidc.REDIRECT_URI,
                    "code_verifier", pkce.verifier()));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        }

        private String code(Oidc.Pkce pkce) throws Exception {
            Browser browser = new Browser();
            Browser.Page login = browser.open(Logins.oidc().authorizationUrl(PUBLIC_CLIENT, "s-3", pkce));
            Browser.Page back = Logins.builtInFlow(browser, login, "security-user@local.test", PASSWORD);
            assertThat(back.appParams()).as(back.body()).containsKey("code");
            return back.appParams().get("code");
        }
    }

    @Nested
    @DisplayName("Given brute-force detection")
    class BruteForce {

        @Test
        @DisplayName("then five wrong passwords lock the user out, even with the right one, until an admin unlocks")
        void lockout() throws Exception {
            KeycloakAdmin admin = TesKeycloak.env().admin;
            String userId = admin.createUser(TesKeycloak.REALM, "locked-user@local.test", PASSWORD);
            for (int attempt = 0; attempt < 5; attempt++) {
                // Slower than the realm's quick-login check (1 s), which would lock after two failures already.
                Thread.sleep(1100);
                assertThat(LocalClients.password(CLIENT, SECRET, "locked-user@local.test", WRONG).statusCode())
                        .isEqualTo(KeycloakVersion.wrongPasswordStatus());
            }

            JsonNode status = admin.get("/realms/tes/attack-detection/brute-force/users/" + userId);
            HttpResponse<String> rightPassword = LocalClients.password(CLIENT, SECRET, "locked-user@local.test", PASSWORD);
            admin.delete("/realms/tes/attack-detection/brute-force/users/" + userId);
            HttpResponse<String> afterUnlock = LocalClients.password(CLIENT, SECRET, "locked-user@local.test", PASSWORD);

            assertThat(status.path("disabled").asBoolean()).as(status.toString()).isTrue();
            assertThat(status.path("numFailures").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(rightPassword.statusCode()).isIn(400, 401);
            assertThat(rightPassword.body()).doesNotContain("access_token");
            assertThat(afterUnlock.statusCode()).as(afterUnlock.body()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("Given stored events")
    class Events {

        @Test
        @DisplayName("then login and admin events are enabled with an expiry")
        void configured() throws Exception {
            JsonNode config = TesKeycloak.env().admin.get("/realms/tes/events/config");
            JsonNode realm = TesKeycloak.env().admin.get("/realms/tes");

            assertThat(config.path("eventsEnabled").asBoolean()).isTrue();
            assertThat(config.path("eventsExpiration").asLong()).isEqualTo(7 * 24 * 3600);
            assertThat(config.path("adminEventsEnabled").asBoolean()).isTrue();
            assertThat(realm.path("attributes").path("adminEventsExpiration").asLong()).isEqualTo(30 * 24 * 3600);
        }

        @Test
        @DisplayName("then a sign-in, a failed sign-in and the user's creation are readable over the admin API")
        void recorded() throws Exception {
            KeycloakAdmin admin = TesKeycloak.env().admin;
            String userId = admin.createUser(TesKeycloak.REALM, "events-user@local.test", PASSWORD);
            assertThat(LocalClients.password(CLIENT, SECRET, "events-user@local.test", PASSWORD).statusCode()).isEqualTo(200);
            assertThat(LocalClients.password(CLIENT, SECRET, "events-user@local.test", WRONG).statusCode())
                    .isEqualTo(KeycloakVersion.wrongPasswordStatus());

            JsonNode logins = admin.get("/realms/tes/events?type=LOGIN&user=" + userId);
            JsonNode errors = admin.get("/realms/tes/events?type=LOGIN_ERROR&user=" + userId);
            JsonNode created = admin.get("/realms/tes/admin-events?operationTypes=CREATE&resourceTypes=USER"
                    + "&resourcePath=users/" + userId);

            assertThat(logins).isNotEmpty();
            assertThat(logins.get(0).path("clientId").asText()).isEqualTo(CLIENT);
            assertThat(errors.findValuesAsText("error")).contains("invalid_user_credentials");
            assertThat(created).isNotEmpty();
            assertThat(created.get(0).path("resourcePath").asText()).isEqualTo("users/" + userId);
        }
    }
}
