package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WorkOS users as they really are: without first or last name (created by email only), with a locale, with names
 * changed at WorkOS. None of them meets Keycloak's "Update Account Information" page, and the Keycloak user follows
 * WorkOS on every sign-in, whichever way it came.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("Real WorkOS identities: no names, changed names, a locale")
class RealIdentitiesIT {

    private static final String PASSWORD = "Demo-pass-1!";

    /** A new WorkOS user in Acme (tes-web's organization), with the given names; returns the WorkOS user id. */
    private static String workOsUser(String email, String firstName, String lastName) {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String id = workos.addUser(email, PASSWORD, firstName, lastName);
        workos.addMembership(id, "org_acme", "viewer");
        return id;
    }

    private static String uniqueEmail(String prefix) {
        return prefix + "-" + System.nanoTime() + "@noname.test";
    }

    private static HttpResponse<String> directGrant(String email) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "password", "client_id", "tes-backend",
                "client_secret", TesKeycloak.env().backendSecret, "username", email, "password", PASSWORD,
                "scope", "openid"));
    }

    /** The verified access-token claims of a direct grant that must succeed. */
    private static JsonNode directGrantClaims(String email) throws Exception {
        HttpResponse<String> response = directGrant(email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jwts.verify(KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText(),
                Logins.oidc().jwks());
    }

    /** The one Keycloak user of this email, as the admin REST API shows it. */
    private static JsonNode keycloakUser(String email) throws Exception {
        JsonNode users = WorkOsDirectory.keycloakUsers(email);
        assertThat(users).as("Keycloak users of %s", email).hasSize(1);
        return users.get(0);
    }

    @Test
    @DisplayName("Given a WorkOS user without names on tes-web's password form then the app receives the code, "
            + "with no profile page")
    void namelessPasswordForm() throws Exception {
        String email = uniqueEmail("form");
        workOsUser(email, null, null);

        Logins.SignIn signIn = Logins.passwordForm("tes-web", email, PASSWORD);

        assertThat(signIn.page().body()).doesNotContain("kc-update-profile-form");
        assertThat(signIn.accessClaims().path("email").asText()).isEqualTo(email);
        JsonNode user = keycloakUser(email);
        assertThat(user.has("firstName")).isFalse();
        assertThat(user.has("lastName")).isFalse();
        assertThat(user.path("requiredActions")).isEmpty();
    }

    @Test
    @DisplayName("Given a WorkOS user without names on the direct grant then tokens come back, not 'Account is "
            + "not fully set up'")
    void namelessDirectGrant() throws Exception {
        String email = uniqueEmail("grant");
        workOsUser(email, null, null);

        HttpResponse<String> first = directGrant(email);
        HttpResponse<String> again = directGrant(email);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(first.body()).contains("access_token").doesNotContain("not fully set up");
    }

    @Test
    @DisplayName("Given a WorkOS user without names on the hosted page then first broker login creates the user "
            + "without a review page and the app receives the code")
    void namelessHostedPage() throws Exception {
        String email = uniqueEmail("hosted");
        String workOsId = workOsUser(email, null, null);

        Logins.SignIn signIn = Logins.hosted("tes-web", email, PASSWORD);

        assertThat(signIn.page().body()).doesNotContain("kc-idp-review-profile-form", "kc-update-profile-form");
        assertThat(signIn.accessClaims().path("email").asText()).isEqualTo(email);
        JsonNode user = keycloakUser(email);
        assertThat(user.has("firstName")).isFalse();
        assertThat(user.has("lastName")).isFalse();
        assertThat(WorkOsDirectory.linkedWorkOsId(user.path("id").asText())).isEqualTo(workOsId);
    }

    @Test
    @DisplayName("Given names changed at WorkOS then the Keycloak user takes them at the next password sign-in, "
            + "and loses them when WorkOS has none")
    void namesFollowWorkOsOnPasswordSignIn() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String email = uniqueEmail("rename");
        String workOsId = workOsUser(email, null, null);
        Logins.passwordForm("tes-web", email, PASSWORD).tokens();

        workos.changeNames(workOsId, "Nora", "Named");
        JsonNode named = directGrantClaims(email);
        JsonNode namedUser = keycloakUser(email);
        workos.changeNames(workOsId, null, "Lastonly");
        Logins.passwordForm("tes-web", email, PASSWORD).tokens();
        JsonNode cleared = keycloakUser(email);

        assertThat(named.path("given_name").asText()).isEqualTo("Nora");
        assertThat(named.path("family_name").asText()).isEqualTo("Named");
        assertThat(namedUser.path("firstName").asText()).isEqualTo("Nora");
        assertThat(namedUser.path("lastName").asText()).isEqualTo("Named");
        assertThat(cleared.has("firstName")).as("first name cleared: %s", cleared).isFalse();
        assertThat(cleared.path("lastName").asText()).isEqualTo("Lastonly");
    }

    @Test
    @DisplayName("Given names and a locale changed at WorkOS then the next hosted sign-in brings both to the "
            + "Keycloak user")
    void namesAndLocaleFollowWorkOsOnHostedPage() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String email = uniqueEmail("hosted-rename");
        String workOsId = workOsUser(email, "Hanna", "Hosted");
        Logins.hosted("tes-web", email, PASSWORD).tokens();
        JsonNode before = keycloakUser(email);

        workos.changeNames(workOsId, "Hannah", null);
        workos.locale(workOsId, "fr-CA");
        JsonNode claims = Logins.hosted("tes-web", email, PASSWORD).accessClaims();
        JsonNode after = keycloakUser(email);

        assertThat(before.path("firstName").asText()).isEqualTo("Hanna");
        assertThat(before.path("lastName").asText()).isEqualTo("Hosted");
        assertThat(after.path("firstName").asText()).isEqualTo("Hannah");
        assertThat(after.has("lastName")).as("last name cleared: %s", after).isFalse();
        assertThat(claims.path("given_name").asText()).isEqualTo("Hannah");
        assertThat(claims.path("locale").asText()).isEqualTo("fr-CA");
    }

    @Test
    @DisplayName("Given a WorkOS locale then the user's locale attribute holds it (the locale claim), from the "
            + "first hosted sign-in and from the direct grant, and stays when WorkOS drops it")
    void localeReachesTheUser() throws Exception {
        WorkOsEmulator workos = TesKeycloak.env().workos;
        String hostedEmail = uniqueEmail("locale-hosted");
        workos.locale(workOsUser(hostedEmail, null, null), "de-DE");
        String grantEmail = uniqueEmail("locale-grant");
        String grantId = workOsUser(grantEmail, "Lou", "Kale");
        workos.locale(grantId, "es");

        JsonNode hosted = Logins.hosted("tes-web", hostedEmail, PASSWORD).accessClaims();
        JsonNode granted = directGrantClaims(grantEmail);
        workos.locale(grantId, null);
        JsonNode dropped = directGrantClaims(grantEmail);

        assertThat(hosted.path("locale").asText()).isEqualTo("de-DE");
        assertThat(granted.path("locale").asText()).isEqualTo("es");
        assertThat(dropped.path("locale").asText()).isEqualTo("es");
    }
}
