package io.tes.keycloak.it;

import static io.tes.keycloak.it.WorkOsDirectory.createWorkOsUser;
import static io.tes.keycloak.it.WorkOsDirectory.keycloakUsers;
import static io.tes.keycloak.it.WorkOsDirectory.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WorkOS password reset ends every Keycloak session of the linked user, online and offline, the way Keycloak's
 * "Sign out all devices" does: clients with a back-channel logout URL are told.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("A password reset through WorkOS ends the user's Keycloak sessions")
class PasswordResetSessionsIT {

    private static final String CLIENT = "reset-sessions-app";
    private static final String SECRET = "reset-sessions-secret";
    private static final String OLD = "Before-reset-1!";
    private static final String NEW = "After-reset-2!";
    private static final String BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private static BackChannelReceiver receiver;
    private static String clientUuid;

    /** A confidential client signing in with the realm's WorkOS direct grant, told of logouts on the back channel. */
    @BeforeAll
    static void createClient() throws Exception {
        receiver = BackChannelReceiver.start();
        KeycloakAdmin admin = TesKeycloak.env().admin;
        HttpResponse<String> created = admin.post("/realms/tes/clients", Map.of("clientId", CLIENT,
                "publicClient", false, "secret", SECRET, "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false, "frontchannelLogout", false,
                "attributes", Map.of("backchannel.logout.url", receiver.url(),
                        "backchannel.logout.session.required", "true"),
                "defaultClientScopes", LocalClients.DEMO_SCOPES,
                "optionalClientScopes", List.of("offline_access")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        clientUuid = admin.clientUuid(TesKeycloak.REALM, CLIENT);
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
        TesKeycloak.env().admin.delete("/realms/tes/clients/" + clientUuid);
    }

    @BeforeEach
    void forgetEarlierLogouts() {
        receiver.clear();
    }

    private static JsonNode signIn(String email, String scope) throws Exception {
        return LocalClients.json(Logins.oidc().token(Map.of("grant_type", "password", "client_id", CLIENT,
                "client_secret", SECRET, "username", email, "password", OLD, "scope", scope)), 200);
    }

    private static HttpResponse<String> refresh(JsonNode tokens) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "refresh_token", "client_id", CLIENT,
                "client_secret", SECRET, "refresh_token", tokens.path("refresh_token").asText()));
    }

    /** Asks for a reset of this email and sets {@link #NEW} through the emailed link. */
    private static void resetPassword(String email) throws Exception {
        Resets.request(email);
        Browser.Page done = Resets.setPassword(new Browser(), Resets.latestLink(email), NEW);
        assertThat(done.body()).as(done.body()).contains("Your password has been changed");
    }

    private static String keycloakUserId(String email) throws Exception {
        JsonNode users = keycloakUsers(email);
        assertThat(users).hasSize(1);
        return users.get(0).path("id").asText();
    }

    @Test
    @DisplayName("Given an offline token and an online session then neither refreshes after the reset")
    void offlineAndOnlineSessionsEnd() throws Exception {
        String email = uniqueEmail("offline");
        createWorkOsUser(email, OLD);
        JsonNode offline = signIn(email, "openid offline_access");
        JsonNode online = signIn(email, "openid");
        assertThat(offline.path("refresh_token").asText()).isNotBlank();
        String userId = keycloakUserId(email);
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/offline-sessions/" + clientUuid))
                .isNotEmpty();

        resetPassword(email);

        HttpResponse<String> offlineRefresh = refresh(offline);
        assertThat(offlineRefresh.statusCode()).as(offlineRefresh.body()).isEqualTo(400);
        assertThat(offlineRefresh.body()).contains("invalid_grant");
        assertThat(refresh(online).statusCode()).isEqualTo(400);
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/offline-sessions/" + clientUuid))
                .isEmpty();
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/sessions")).isEmpty();
    }

    @Test
    @DisplayName("Given a client with a back-channel logout URL then it receives a signed logout token for the user")
    void backChannelLogoutIsSent() throws Exception {
        String email = uniqueEmail("backchannel");
        createWorkOsUser(email, OLD);
        JsonNode online = signIn(email, "openid");
        String userId = keycloakUserId(email);
        String sessionId = Logins.claims(online).path("sid").asText();

        resetPassword(email);

        List<String> tokens = receiver.awaitLogoutTokens(Duration.ofSeconds(10));
        assertThat(tokens).isNotEmpty();
        JsonNode claims = Jwts.verify(tokens.get(0), Logins.oidc().jwks());
        assertThat(claims.path("sub").asText()).isEqualTo(userId);
        assertThat(claims.path("sid").asText()).isEqualTo(sessionId);
        assertThat(claims.path("aud").toString()).contains(CLIENT);
        assertThat(claims.path("events").has(BACKCHANNEL_EVENT)).isTrue();
        assertThat(claims.has("nonce")).isFalse();
    }
}
