package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Sign-in on WorkOS's hosted page through the WorkOS identity provider")
class WorkOsHostedSignInIT {

    private static final String PASSWORD = "Demo-pass-1!";

    @BeforeEach
    void clean() {
        TesKeycloak.env().workos.faults().clearAll();
        TesKeycloak.env().workos.calls().clear();
    }

    @Test
    @DisplayName("Given bob on tes-web and on globex-web then each token carries its client's organization")
    void pinnedOrganizations() throws Exception {
        JsonNode acme = Logins.hosted("tes-web", "bob@multi.test", PASSWORD).accessClaims();
        JsonNode globex = Logins.hosted("globex-web", "bob@multi.test", PASSWORD).accessClaims();

        assertThat(acme.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(acme.path("org_name").asText()).isEqualTo("Acme Recycling");
        assertThat(globex.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(acme.path("email").asText()).isEqualTo("bob@multi.test");
        assertThat(TesKeycloak.env().workos.calls().countGrant("authorization_code")).isEqualTo(2);
        assertThat(TesKeycloak.env().workos.calls()
                .countGrant("urn:workos:oauth:grant-type:organization-selection")).isEqualTo(2);
    }

    @Test
    @DisplayName("Given alice on globex-web then the hosted sign-in is refused with a clear page")
    void refusedOutsidePinnedOrganization() throws Exception {
        Browser.Page page = Logins.hosted("globex-web", "alice@acme.test", PASSWORD).page();

        assertThat(page.appParams()).doesNotContainKey("code");
        assertThat(page.body()).contains("not a member of the organization this application belongs to");
    }

    @Test
    @DisplayName("Given a forged state on the callback then Keycloak refuses it and WorkOS is never called")
    void forgedState() throws Exception {
        Browser.Page page = new Browser().open(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM)
                + "/broker/workos/endpoint?code=code_forged&state=forged-state");

        assertThat(page.appParams()).doesNotContainKey("code");
        assertThat(page.status()).isGreaterThanOrEqualTo(400);
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.AUTHENTICATE)).isZero();
    }
}
