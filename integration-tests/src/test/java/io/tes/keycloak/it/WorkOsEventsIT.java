package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WorkOS changes reach Keycloak through the Events API (the shared server polls every
 * {@code TestEnvironment.EVENTS_POLL_SECONDS}). Each test makes its own WorkOS users: the demo users serve other
 * classes. A user in Acme and Globex is made as {@code bob@multi.test} is.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("WorkOS events: deleted users and memberships, role and name changes, organizations")
class WorkOsEventsIT {

    private static final String PASSWORD = "Event-pass-1!";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static WorkOsEmulator workos() {
        return TesKeycloak.env().workos;
    }

    /** A new WorkOS user in Acme (organizer) and Globex (viewer), as bob is. */
    private static String multiOrgUser(String email) {
        String id = workos().addUser(email, PASSWORD, "Multi", "Org");
        workos().addMembership(id, "org_acme", "organizer");
        workos().addMembership(id, "org_globex", "viewer");
        return id;
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@events.test";
    }

    private static int refreshStatus(String clientId, String refreshToken) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken)).statusCode();
    }

    private static JsonNode keycloakUser(String email) throws Exception {
        return TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=" + email).get(0);
    }

    /** Calls the emulator's WorkOS API, as an admin's script would, with the API key. */
    private static int workOsApi(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(workos().baseUrl() + path))
                .header("Authorization", "Bearer " + workos().apiKey()).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @DisplayName("Given sessions on tes-web (Acme) and globex-web (Globex) when the Globex membership is deleted at"
            + " WorkOS then globex-web's refresh fails within 30 s and tes-web's keeps working")
    void membershipDeletedEndsThatOrganizationsClientSession() throws Exception {
        String email = email("multi");
        String id = multiOrgUser(email);
        io.tes.keycloak.testsupport.Browser browser = new io.tes.keycloak.testsupport.Browser();
        JsonNode acme = Logins.passwordForm(browser, "tes-web", email, PASSWORD).tokens();
        // The same browser session: globex-web signs in through Keycloak's SSO cookie, one user session for both.
        JsonNode globex = Logins.authorize(browser, "globex-web", Map.of()).tokens();
        assertThat(Logins.claims(globex).path("org_id").asText()).isEqualTo("org_globex");

        assertThat(workOsApi("DELETE", "/user_management/organization_memberships/om_" + id + "_org_globex", null))
                .isEqualTo(202);

        Eventually.within(LIMIT, "globex-web's refresh refused", () ->
                refreshStatus("globex-web", globex.path("refresh_token").asText()) == 400);
        JsonNode stillAcme = Logins.refresh("tes-web", acme.path("refresh_token").asText());
        assertThat(Logins.claims(stillAcme).path("org_id").asText()).isEqualTo("org_acme");
    }

    @Test
    @DisplayName("Given a signed-in user when the user is deleted at WorkOS then the Keycloak user is disabled and"
            + " every session ends within 30 s")
    void userDeletedDisablesAndEndsSessions() throws Exception {
        String email = email("deleted");
        String id = multiOrgUser(email);
        JsonNode online = Logins.passwordForm("tes-web", email, PASSWORD).tokens();
        String userId = keycloakUser(email).path("id").asText();

        assertThat(workOsApi("DELETE", "/user_management/users/" + id, null)).isEqualTo(202);

        Eventually.within(LIMIT, "the Keycloak user disabled", () ->
                !keycloakUser(email).path("enabled").asBoolean());
        assertThat(refreshStatus("tes-web", online.path("refresh_token").asText())).isEqualTo(400);
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/sessions")).isEmpty();
        assertThat(TesKeycloak.env().admin.get("/realms/tes/users/" + userId + "/offline-sessions/"
                + TesKeycloak.env().admin.clientUuid("tes", "tes-web"))).isEmpty();
    }

    @Test
    @DisplayName("Given a viewer signed in when WorkOS makes them organizer then the next token carries the new"
            + " permissions")
    void roleChangeShowsInTheNextToken() throws Exception {
        String email = email("role");
        String id = workos().addUser(email, PASSWORD, "Role", "Change");
        workos().addMembership(id, "org_acme", "viewer");
        JsonNode tokens = Logins.passwordForm("tes-web", email, PASSWORD).tokens();
        JsonNode before = Logins.claims(tokens).path("permissions");

        assertThat(workOsApi("PUT", "/user_management/organization_memberships/om_" + id + "_org_acme",
                "{\"role_slug\":\"organizer\"}")).isEqualTo(200);

        String[] refreshToken = {tokens.path("refresh_token").asText()};
        Eventually.within(LIMIT, "organizer's permissions in a refreshed token", () -> {
            JsonNode next = Logins.refresh("tes-web", refreshToken[0]);
            refreshToken[0] = next.path("refresh_token").asText();
            return !Logins.claims(next).path("permissions").equals(before);
        });
        JsonNode after = Logins.claims(Logins.refresh("tes-web", refreshToken[0])).path("permissions");
        assertThat(after.size()).isGreaterThan(before.size());
    }

    @Test
    @DisplayName("Given a signed-in user when WorkOS changes names and email verification then Keycloak follows"
            + " without a new sign-in")
    void userUpdatedSyncsNames() throws Exception {
        String email = email("names");
        String id = workos().addUser(email, PASSWORD, "Old", "Name");
        workos().addMembership(id, "org_acme", "viewer");
        Logins.passwordForm("tes-web", email, PASSWORD).tokens();

        assertThat(workOsApi("PUT", "/user_management/users/" + id,
                "{\"first_name\":\"New\",\"last_name\":\"Person\",\"email_verified\":false}")).isEqualTo(200);

        Eventually.within(LIMIT, "names synced", () -> "New".equals(keycloakUser(email).path("firstName").asText()));
        JsonNode user = keycloakUser(email);
        assertThat(user.path("lastName").asText()).isEqualTo("Person");
        assertThat(user.path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given a session in a WorkOS organization when it is renamed then the next token has the new name;"
            + " when it is deleted then the refresh fails")
    void organizationRenamedThenDeleted() throws Exception {
        String organization = "org_evt_" + UUID.randomUUID().toString().substring(0, 8);
        workos().addOrganization(organization, "Events Org");
        String email = email("org");
        String id = workos().addUser(email, PASSWORD, "Org", "Member");
        workos().addMembership(id, organization, "viewer");
        JsonNode tokens = Logins.passwordForm("tes-portal", email, PASSWORD).tokens();
        assertThat(Logins.claims(tokens).path("org_id").asText()).isEqualTo(organization);

        assertThat(workOsApi("PUT", "/organizations/" + organization, "{\"name\":\"Events Org Renamed\"}"))
                .isEqualTo(200);
        String[] refreshToken = {tokens.path("refresh_token").asText()};
        Eventually.within(LIMIT, "the new name in a refreshed token", () -> {
            JsonNode next = Logins.refresh("tes-portal", refreshToken[0]);
            refreshToken[0] = next.path("refresh_token").asText();
            return "Events Org Renamed".equals(Logins.claims(next).path("org_name").asText());
        });

        assertThat(workOsApi("DELETE", "/organizations/" + organization, null)).isEqualTo(202);
        Eventually.within(LIMIT, "the refresh refused", () -> refreshStatus("tes-portal", refreshToken[0]) == 400);
        assertThat(keycloakUser(email).path("enabled").asBoolean()).isTrue();
    }
}
