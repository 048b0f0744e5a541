package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's authenticate grants")
class AuthenticateGrantsTest {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String SELECTION = "urn:workos:oauth:grant-type:organization-selection";

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

    private static JsonNode jwks() throws Exception {
        return client.get("/sso/jwks/" + workos.clientId(), null).json();
    }

    @Nested
    @DisplayName("Given the password grant")
    class Password {

        @Test
        @DisplayName("when a single-organization user signs in then the tokens carry that organization and role")
        void singleOrganization() throws Exception {
            EmulatorClient.Reply reply = client.password("alice@acme.test", PASSWORD);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("user").path("id").asText()).isEqualTo("user_alice");
            assertThat(body.path("organization_id").asText()).isEqualTo("org_acme");
            assertThat(body.path("refresh_token").asText()).isNotBlank();
            JsonNode claims = Jwts.verify(body.path("access_token").asText(), jwks());
            assertThat(claims.path("sub").asText()).isEqualTo("user_alice");
            assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
            assertThat(claims.path("role").asText()).isEqualTo("viewer");
            assertThat(claims.path("sid").asText()).startsWith("session_");
            assertThat(claims.path("permissions").toString()).contains("events:read");
        }

        @Test
        @DisplayName("when the password is wrong then invalid_credentials comes back")
        void wrongPassword() throws Exception {
            EmulatorClient.Reply reply = client.password("alice@acme.test", "nope-nope-1");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("code").asText()).isEqualTo("invalid_credentials");
        }

        @Test
        @DisplayName("when the client secret is wrong then 401")
        void wrongApiKey() throws Exception {
            EmulatorClient.Reply reply = client.authenticate(Map.of("grant_type", "password",
                    "email", "alice@acme.test", "password", PASSWORD, "client_secret", "sk_wrong"));

            assertThat(reply.status()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("Given a user in two organizations")
    class OrganizationSelection {

        @Test
        @DisplayName("when signing in then 403 organization_selection_required lists both organizations")
        void selectionRequired() throws Exception {
            EmulatorClient.Reply reply = client.password("bob@multi.test", PASSWORD);

            assertThat(reply.status()).isEqualTo(403);
            JsonNode body = reply.json();
            assertThat(body.path("code").asText()).isEqualTo("organization_selection_required");
            assertThat(body.path("pending_authentication_token").asText()).isNotBlank();
            assertThat(body.path("organizations").findValuesAsText("id")).containsExactly("org_acme", "org_globex");
            assertThat(body.path("organizations").findValuesAsText("name"))
                    .containsExactly("Acme Recycling", "Globex Logistics");
            assertThat(body.path("user").path("id").asText()).isEqualTo("user_bob");
        }

        @Test
        @DisplayName("when completing with a listed organization then the role is the one held there, once only")
        void completesOnce() throws Exception {
            String pending = client.password("bob@multi.test", PASSWORD).json()
                    .path("pending_authentication_token").asText();
            Map<String, String> selection = Map.of("grant_type", SELECTION, "pending_authentication_token", pending,
                    "organization_id", "org_globex");

            EmulatorClient.Reply first = client.authenticate(selection);
            EmulatorClient.Reply replay = client.authenticate(selection);

            assertThat(first.status()).isEqualTo(200);
            JsonNode claims = Jwts.verify(first.json().path("access_token").asText(), jwks());
            assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
            assertThat(claims.path("role").asText()).isEqualTo("viewer");
            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.json().path("error").asText()).isEqualTo("invalid_grant");
        }

        @Test
        @DisplayName("when completing with an organization not in the list then it is refused")
        void refusesForeignOrganization() throws Exception {
            String pending = client.password("bob@multi.test", PASSWORD).json()
                    .path("pending_authentication_token").asText();

            EmulatorClient.Reply reply = client.authenticate(Map.of("grant_type", SELECTION,
                    "pending_authentication_token", pending, "organization_id", "org_initech"));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).isEqualTo("invalid_grant");
        }

        @Test
        @DisplayName("when the pending token has expired then it is refused")
        void pendingTokenExpires() throws Exception {
            String pending = client.password("bob@multi.test", PASSWORD).json()
                    .path("pending_authentication_token").asText();
            workos.advanceClock(Duration.ofMinutes(11));

            EmulatorClient.Reply reply = client.authenticate(Map.of("grant_type", SELECTION,
                    "pending_authentication_token", pending, "organization_id", "org_acme"));

            assertThat(reply.status()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("Given a refresh token")
    class Refresh {

        @Test
        @DisplayName("when refreshed then a new refresh token is issued and the old one stops working")
        void rotates() throws Exception {
            String refresh = client.password("alice@acme.test", PASSWORD).json().path("refresh_token").asText();

            EmulatorClient.Reply first = client.authenticate(Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh));
            EmulatorClient.Reply reuse = client.authenticate(Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh));

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("refresh_token").asText()).isNotEqualTo(refresh);
            assertThat(reuse.status()).isEqualTo(400);
        }

        @Test
        @DisplayName("when refreshed with another of the user's organizations then the session switches to it")
        void switchesOrganization() throws Exception {
            String pending = client.password("bob@multi.test", PASSWORD).json()
                    .path("pending_authentication_token").asText();
            JsonNode acme = client.authenticate(Map.of("grant_type", SELECTION,
                    "pending_authentication_token", pending, "organization_id", "org_acme")).json();

            EmulatorClient.Reply switched = client.authenticate(Map.of("grant_type", "refresh_token",
                    "refresh_token", acme.path("refresh_token").asText(), "organization_id", "org_globex"));

            JsonNode before = Jwts.verify(acme.path("access_token").asText(), jwks());
            JsonNode after = Jwts.verify(switched.json().path("access_token").asText(), jwks());
            assertThat(after.path("org_id").asText()).isEqualTo("org_globex");
            assertThat(after.path("role").asText()).isEqualTo("viewer");
            assertThat(after.path("sid").asText()).isEqualTo(before.path("sid").asText());
        }

        @Test
        @DisplayName("when switching to an organization the user is not in then it is refused and the token kept")
        void refusesNonMemberSwitch() throws Exception {
            String refresh = client.password("alice@acme.test", PASSWORD).json().path("refresh_token").asText();

            EmulatorClient.Reply refused = client.authenticate(Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh, "organization_id", "org_globex"));
            EmulatorClient.Reply plain = client.authenticate(Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.json().path("organization_id").asText()).isEqualTo("org_acme");
        }
    }
}
