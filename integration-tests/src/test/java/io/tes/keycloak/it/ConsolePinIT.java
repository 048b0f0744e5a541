package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Pinning a client to an organization from the admin console, and by the earlier attribute name")
class ConsolePinIT {

    private static final String CLIENT = "console-pinned-test";
    private static final String LEGACY_CLIENT = "legacy-pinned-test";

    /** What the console does: a client whose "Selected organization" mapper has a pinned organization. */
    @BeforeAll
    static void createPinnedClient() throws Exception {
        Map<String, Object> mapper = Map.of("name", "selected organization", "protocol", "openid-connect",
                "protocolMapper", "tes-selected-organization-mapper",
                "config", Map.of("organization.pinned", "org_globex", "access.token.claim", "true"));
        assertThat(TesKeycloak.env().admin.post("/realms/tes/clients", Map.of("clientId", CLIENT,
                "publicClient", true, "redirectUris", List.of(Oidc.REDIRECT_URI),
                "attributes", Map.of("pkce.code.challenge.method", "S256"),
                "protocolMappers", List.of(mapper))).statusCode()).isEqualTo(201);
        // Realms exported before the pin attribute was renamed carry workos.organization_id.
        assertThat(TesKeycloak.env().admin.post("/realms/tes/clients", Map.of("clientId", LEGACY_CLIENT,
                "publicClient", true, "redirectUris", List.of(Oidc.REDIRECT_URI),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "workos.organization_id", "org_globex"),
                "defaultClientScopes", LocalClients.DEMO_SCOPES)).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("Given the console's mapper types then the pinned-organization field is offered with help text")
    void consoleOffersTheField() throws Exception {
        JsonNode types = TesKeycloak.env().admin.get("/serverinfo").path("protocolMapperTypes").path("openid-connect");
        JsonNode mapperType = null;
        for (JsonNode type : types) {
            if ("tes-selected-organization-mapper".equals(type.path("id").asText())) {
                mapperType = type;
            }
        }

        assertThat(mapperType).as("mapper type listed").isNotNull();
        assertThat(mapperType.path("properties").findValuesAsText("name")).contains("organization.pinned");
    }

    @Test
    @DisplayName("Given bob on a client pinned through its mapper then he gets that organization, alice is refused")
    void pinFromMapperConfig() throws Exception {
        JsonNode bob = Logins.passwordForm(CLIENT, "bob@multi.test", "Demo-pass-1!").accessClaims();
        Browser.Page alice = Logins.passwordForm(CLIENT, "alice@acme.test", "Demo-pass-1!").page();

        assertThat(bob.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(alice.appParams()).doesNotContainKey("code");
        assertThat(alice.body()).contains("not a member of the organization this application belongs to");
    }

    @Test
    @DisplayName("Given a client pinned by the earlier attribute workos.organization_id then the pin still holds")
    void legacyAttributePins() throws Exception {
        JsonNode bob = Logins.passwordForm(LEGACY_CLIENT, "bob@multi.test", "Demo-pass-1!").accessClaims();
        Browser.Page alice = Logins.passwordForm(LEGACY_CLIENT, "alice@acme.test", "Demo-pass-1!").page();

        assertThat(bob.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(alice.appParams()).doesNotContainKey("code");
        assertThat(alice.body()).contains("not a member of the organization this application belongs to");
    }
}
