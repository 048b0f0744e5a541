package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("The tes realm imported from realm-export/")
class RealmImportIT {

    private static final List<String> BROWSER_CLIENTS = List.of("tes-web", "globex-web", "tes-portal");
    private static final String POST_LOGOUT_REDIRECT_URI = Browser.APP + "/";

    private static JsonNode client(String clientId) throws Exception {
        JsonNode found = TesKeycloak.env().admin.get("/realms/tes/clients?clientId=" + clientId);
        assertThat(found).as("client %s", clientId).hasSize(1);
        return found.get(0);
    }

    private static TextNode text(String value) {
        return TextNode.valueOf(value);
    }

    @Nested
    @DisplayName("Given the demo clients")
    class Clients {

        @Test
        @DisplayName("then the browser clients are public, require PKCE S256 and name the demo app's exact URIs")
        void browserClients() throws Exception {
            for (String clientId : BROWSER_CLIENTS) {
                JsonNode client = client(clientId);
                assertThat(client.path("publicClient").asBoolean()).as(clientId).isTrue();
                assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).as(clientId)
                        .isEqualTo("S256");
                assertThat(client.path("redirectUris")).as(clientId).containsExactly(text(Oidc.REDIRECT_URI));
                assertThat(client.path("attributes").path("post.logout.redirect.uris").asText()).as(clientId)
                        .isEqualTo(POST_LOGOUT_REDIRECT_URI);
                assertThat(client.path("webOrigins")).as(clientId).containsExactly(text("+"));
            }
        }

        @Test
        @DisplayName("then the browser clients are told of logouts on the back channel, with the session")
        void backChannelLogout() throws Exception {
            for (String clientId : BROWSER_CLIENTS) {
                JsonNode client = client(clientId);
                assertThat(client.path("frontchannelLogout").asBoolean()).as(clientId).isFalse();
                assertThat(client.path("attributes").path("backchannel.logout.url").asText()).as(clientId)
                        .isEqualTo(io.tes.keycloak.testsupport.TestEnvironment.BACKCHANNEL_LOGOUT_URL);
                assertThat(client.path("attributes").path("backchannel.logout.session.required").asText())
                        .as(clientId).isEqualTo("true");
            }
        }

        @Test
        @DisplayName("then tes-web and globex-web pin their organizations and tes-portal pins none")
        void organizationPins() throws Exception {
            assertThat(client("tes-web").path("attributes").path("tes.organization_id").asText())
                    .isEqualTo("org_acme");
            assertThat(client("globex-web").path("attributes").path("tes.organization_id").asText())
                    .isEqualTo("org_globex");
            assertThat(client("tes-portal").path("attributes").has("tes.organization_id")).isFalse();
        }

        @Test
        @DisplayName("then tes-backend gets a client-credentials token with the secret from the environment")
        void backendClientCredentials() throws Exception {
            Oidc oidc = new Oidc(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM));

            HttpResponse<String> granted = oidc.token(Map.of("grant_type", "client_credentials",
                    "client_id", "tes-backend", "client_secret", TesKeycloak.env().backendSecret));
            HttpResponse<String> refused = oidc.token(Map.of("grant_type", "client_credentials",
                    "client_id", "tes-backend", "client_secret", "${TES_BACKEND_CLIENT_SECRET}"));

            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            JsonNode token = KeycloakAdmin.MAPPER.readTree(granted.body());
            JsonNode claims = io.tes.keycloak.emulator.Jwts.verify(token.path("access_token").asText(), oidc.jwks());
            assertThat(claims.path("realm_access").path("roles").toString()).contains("integration");
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("Given the browser clients' exact URIs")
    class ExactUris {

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        private static HttpResponse<String> get(String url) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        @DisplayName("then the realm file gives no client a wildcard redirect URI, post-logout URI or web origin")
        void noWildcardInTheFile() throws Exception {
            JsonNode realm = KeycloakAdmin.MAPPER.readTree(TestEnvironment.path("tes.realm.file").toFile());

            for (JsonNode client : realm.path("clients")) {
                String clientId = client.path("clientId").asText();
                client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).as(clientId).doesNotContain("*"));
                client.path("webOrigins").forEach(origin -> assertThat(origin.asText()).as(clientId)
                        .doesNotContain("*"));
                String postLogout = client.path("attributes").path("post.logout.redirect.uris").asText("");
                assertThat(postLogout).as(clientId).doesNotContain("*").isNotEqualTo("+");
            }
        }

        @Test
        @DisplayName("then an authorization request with another redirect URI on the app's host is refused")
        void otherRedirectUriRefused() throws Exception {
            Oidc oidc = new Oidc(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM));
            for (String clientId : BROWSER_CLIENTS) {
                Oidc.Pkce pkce = Oidc.Pkce.create();
                String registered = oidc.authorizationUrl(clientId, "s", Map.of("code_challenge", pkce.challenge(),
                        "code_challenge_method", "S256"));
                String other = oidc.authorizationUrl(clientId, "s", Map.of("code_challenge", pkce.challenge(),
                        "code_challenge_method", "S256", "redirect_uri", Browser.APP + "/callback/other"));

                assertThat(new Browser().open(registered).status()).as(clientId).isEqualTo(200);
                HttpResponse<String> refused = get(other);
                assertThat(refused.statusCode()).as(clientId).isEqualTo(400);
                assertThat(refused.body()).as(clientId).contains("redirect_uri");
            }
        }

        @Test
        @DisplayName("then logout sends the browser back only to the registered post-logout URI")
        void otherPostLogoutUriRefused() throws Exception {
            String logout = TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM)
                    + "/protocol/openid-connect/logout?client_id=tes-web&post_logout_redirect_uri=";

            HttpResponse<String> registered = get(logout + encode(POST_LOGOUT_REDIRECT_URI));
            HttpResponse<String> other = get(logout + encode(Browser.APP + "/elsewhere"));

            // Without a session Keycloak skips the confirmation page and redirects at once.
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
            assertThat(registered.headers().firstValue("Location")).hasValue(POST_LOGOUT_REDIRECT_URI);
            assertThat(other.statusCode()).isEqualTo(400);
            assertThat(other.headers().firstValue("Location")).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given the tes client scope on the demo clients")
    class Scopes {

        @Test
        @DisplayName("then a tes-web token carries Keycloak's standard claims and the tes claims, aud tes-backend")
        void demoClientTokenClaims() throws Exception {
            JsonNode claims = Logins.passwordForm("tes-web", "alice@acme.test", "Demo-pass-1!").accessClaims();

            assertThat(claims.path("sub").asText()).isNotBlank();
            assertThat(claims.path("email").asText()).isEqualTo("alice@acme.test");
            assertThat(claims.path("preferred_username").asText()).isNotBlank();
            assertThat(claims.path("realm_access").path("roles").isArray()).isTrue();
            assertThat(claims.path("allowed-origins")).as("web origin + is the redirect URI's origin")
                    .containsExactly(text(Browser.APP));
            assertThat(claims.path("acr").asText()).isNotBlank();
            assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
            assertThat(claims.path("permissions").isArray()).isTrue();
            assertThat(claims.path("aud").toString()).contains("tes-backend");
        }

        @Test
        @DisplayName("then the mappers live in the scope, a default scope of every demo client")
        void mappersInTheScope() throws Exception {
            JsonNode tes = null;
            for (JsonNode scope : TesKeycloak.env().admin.get("/realms/tes/client-scopes")) {
                if ("tes".equals(scope.path("name").asText())) {
                    tes = scope;
                }
            }

            assertThat(tes).as("client scope tes").isNotNull();
            assertThat(tes.path("protocolMappers").findValuesAsText("protocolMapper"))
                    .contains("tes-selected-organization-mapper", "tes-permissions-mapper", "oidc-audience-mapper");
            for (String clientId : new String[] {"tes-web", "globex-web", "tes-portal", "tes-backend"}) {
                assertThat(client(clientId).path("defaultClientScopes").toString()).as(clientId).contains("\"tes\"");
            }
            assertThat(client("tes-web").path("protocolMappers")).as("tes-web's own mappers").isEmpty();
        }
    }

    @Nested
    @DisplayName("Given the WorkOS identity provider")
    class IdentityProvider {

        @Test
        @DisplayName("then plain HTTP stays off (placeholder default) and the emulator is reached on loopback")
        void plainHttpOffOnLoopback() throws Exception {
            JsonNode config = TesKeycloak.env().admin.get("/realms/tes/identity-provider/instances/workos")
                    .path("config");

            assertThat(config.path("allowPlainHttp").asText()).isEqualTo("false");
            assertThat(config.path("apiBaseUrl").asText()).isEqualTo(TesKeycloak.env().workos.baseUrl())
                    .startsWith("http://127.0.0.1:");
        }
    }

    @Nested
    @DisplayName("Given the demo roles")
    class Roles {

        @Test
        @DisplayName("then each carries its permissions and the composites nest viewer < organizer < admin")
        void rolesCarryPermissions() throws Exception {
            JsonNode organizer = TesKeycloak.env().admin.get("/realms/tes/roles/organizer");
            JsonNode admin = TesKeycloak.env().admin.get("/realms/tes/roles/admin");
            JsonNode viewer = TesKeycloak.env().admin.get("/realms/tes/roles/viewer");
            JsonNode integration = TesKeycloak.env().admin.get("/realms/tes/roles/integration");

            assertThat(viewer.path("attributes").path("permissions").toString())
                    .contains("read:event:own", "read:takeback:own");
            assertThat(organizer.path("attributes").path("permissions")).hasSize(4);
            assertThat(admin.path("attributes").path("permissions").toString())
                    .contains("manage:user:org", "read:event:all", "write:event:all");
            assertThat(integration.path("attributes").path("permissions").toString())
                    .contains("read:event:all", "read:takeback:all");
            assertThat(TesKeycloak.env().admin.get("/realms/tes/roles/organizer/composites")
                    .findValuesAsText("name")).containsExactly("viewer");
            assertThat(TesKeycloak.env().admin.get("/realms/tes/roles/admin/composites")
                    .findValuesAsText("name")).containsExactly("organizer");
        }
    }
}
