package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WorkOS organizations and memberships mirrored into realm tes's own Keycloak Organizations on sign-in, so admins
 * see them in the console (the admin REST API the console reads): created with WorkOS's name and id, members added,
 * members WorkOS no longer lists removed, and nothing when the provider's switch is off.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("WorkOS organizations mirrored into Keycloak's Organizations")
class OrganizationMirrorIT {

    private static final String PASSWORD = "Demo-pass-1!";

    private static KeycloakAdmin admin() {
        return TesKeycloak.env().admin;
    }

    /** The mirrored organization of this WorkOS id, as the console lists it; null when there is none. */
    private static JsonNode mirrored(String workosId) throws Exception {
        for (JsonNode organization : admin().get("/realms/tes/organizations?briefRepresentation=false&max=100")) {
            if (organization.path("attributes").path("workos_organization_id").path(0).asText().equals(workosId)) {
                return organization;
            }
        }
        return null;
    }

    private static List<String> members(JsonNode organization) throws Exception {
        List<String> emails = new ArrayList<>();
        for (JsonNode member : admin().get("/realms/tes/organizations/" + organization.path("id").asText()
                + "/members?max=1000")) {
            emails.add(member.path("email").asText());
        }
        return emails;
    }

    @Test
    @DisplayName("Given the demo users sign in then the console lists Acme Recycling and Globex Logistics with them")
    void demoUsers() throws Exception {
        Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD).accessClaims();
        Logins.passwordForm("tes-web", "bob@multi.test", PASSWORD).accessClaims();

        JsonNode acme = mirrored("org_acme");
        JsonNode globex = mirrored("org_globex");
        assertThat(acme).as("Acme mirrored").isNotNull();
        assertThat(globex).as("Globex mirrored").isNotNull();
        assertThat(acme.path("name").asText()).isEqualTo("Acme Recycling");
        assertThat(acme.path("alias").asText()).isEqualTo("org_acme");
        assertThat(globex.path("name").asText()).isEqualTo("Globex Logistics");
        assertThat(members(acme)).contains("alice@acme.test", "bob@multi.test");
        assertThat(members(globex)).contains("bob@multi.test").doesNotContain("alice@acme.test");
        // The token's org_id stays WorkOS's id, not the Keycloak organization's.
        assertThat(Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD).accessClaims().path("org_id").asText())
                .isEqualTo("org_acme");
    }

    @Test
    @DisplayName("Given a member WorkOS does not list in a mirrored organization then their next sign-in removes them")
    void workOsWins() throws Exception {
        String third = "org_third_" + System.nanoTime();
        TesKeycloak.env().workos.addOrganization(third, "Third Party " + third);
        String insider = "mirror-in-" + System.nanoTime() + "@third.test";
        TesKeycloak.env().workos.addMembership(TesKeycloak.env().workos.addUser(insider, PASSWORD, "In", "Sider"),
                third, "viewer");
        Logins.passwordForm("tes-portal", insider, PASSWORD).accessClaims();
        JsonNode mirroredThird = mirrored(third);
        assertThat(mirroredThird).as("the third organization mirrored").isNotNull();

        String email = "mirror-" + System.nanoTime() + "@multi.test";
        String id = TesKeycloak.env().workos.addUser(email, PASSWORD, "Mia", "Rror");
        TesKeycloak.env().workos.addMembership(id, "org_acme", "viewer");
        TesKeycloak.env().workos.addMembership(id, "org_globex", "viewer");
        Logins.passwordForm("tes-web", email, PASSWORD).accessClaims();
        assertThat(members(mirrored("org_acme"))).contains(email);
        assertThat(members(mirrored("org_globex"))).contains(email);
        // An admin adds the user by hand to an organization WorkOS does not list for them.
        String userId = admin().get("/realms/tes/users?exact=true&email=" + email).get(0).path("id").asText();
        assertThat(admin().post("/realms/tes/organizations/" + mirroredThird.path("id").asText() + "/members",
                userId).statusCode()).isEqualTo(201);
        assertThat(members(mirroredThird)).contains(email);

        // WorkOS lists all of a multi-organization user's organizations at sign-in: the hand-made one goes.
        Logins.passwordForm("tes-web", email, PASSWORD).accessClaims();

        assertThat(members(mirroredThird)).doesNotContain(email).contains(insider);
        assertThat(members(mirrored("org_globex"))).contains(email);
    }

    @Test
    @DisplayName("Given WorkOS events then the mirror follows: membership removed, organization renamed and deleted")
    void followsWorkOsEvents() throws Exception {
        String organization = "org_events_" + System.nanoTime();
        TesKeycloak.env().workos.addOrganization(organization, "Events Org");
        String email = "mirror-events-" + System.nanoTime() + "@events.test";
        String id = TesKeycloak.env().workos.addUser(email, PASSWORD, "Eve", "Nts");
        TesKeycloak.env().workos.addMembership(id, organization, "viewer");
        Logins.passwordForm("tes-portal", email, PASSWORD).accessClaims();
        assertThat(members(mirrored(organization))).contains(email);

        TesKeycloak.env().workos.renameOrganization(organization, "Events Org Renamed");
        Eventually.within(Duration.ofSeconds(30), "the mirrored organization renamed",
                () -> "Events Org Renamed".equals(mirrored(organization).path("name").asText()));

        TesKeycloak.env().workos.removeMembership(id, organization);
        Eventually.within(Duration.ofSeconds(30), "the member removed from the mirrored organization",
                () -> !members(mirrored(organization)).contains(email));

        TesKeycloak.env().workos.deleteOrganization(organization);
        Eventually.within(Duration.ofSeconds(30), "the mirrored organization deleted",
                () -> mirrored(organization) == null);
    }

    @Test
    @DisplayName("Given a new user signs in on the hosted page then they join the mirrored organization")
    void hostedPage() throws Exception {
        String email = "mirror-hosted-" + System.nanoTime() + "@acme.test";
        String id = TesKeycloak.env().workos.addUser(email, PASSWORD, "Hosted", "Member");
        TesKeycloak.env().workos.addMembership(id, "org_acme", "viewer");

        Logins.hosted("tes-web", email, PASSWORD).accessClaims();

        assertThat(members(mirrored("org_acme"))).contains(email);
    }

    @Test
    @DisplayName("Given the provider's mirror switched off then a sign-in joins no organization")
    void switchOff() throws Exception {
        ObjectNode provider = (ObjectNode) admin().get("/realms/tes/identity-provider/instances/workos");
        ((ObjectNode) provider.path("config")).put("mirrorOrganizations", "false");
        assertThat(admin().put("/realms/tes/identity-provider/instances/workos", provider).statusCode())
                .isEqualTo(204);
        String email = "mirror-off-" + System.nanoTime() + "@acme.test";
        try {
            String id = TesKeycloak.env().workos.addUser(email, PASSWORD, "Off", "Switch");
            TesKeycloak.env().workos.addMembership(id, "org_acme", "viewer");

            Logins.passwordForm("tes-web", email, PASSWORD).accessClaims();

            JsonNode acme = mirrored("org_acme");
            assertThat(acme == null ? List.of() : members(acme)).doesNotContain(email);
        } finally {
            ((ObjectNode) provider.path("config")).put("mirrorOrganizations", "true");
            admin().put("/realms/tes/identity-provider/instances/workos", provider);
        }
    }
}
