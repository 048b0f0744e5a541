package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TesKeycloak.class)
@DisplayName("Keycloak with the pack in providers/")
class ServerInfoIT {

    @Test
    @DisplayName("lists the pack's tes login and email themes in its server info")
    void listsThemes() throws Exception {
        JsonNode info = TesKeycloak.env().admin.get("/serverinfo");

        // The distribution the build picked (keycloak.test.version), which runs the jar built for keycloak.version.
        assertThat(info.path("systemInfo").path("version").asText())
                .isEqualTo(System.getProperty("tes.keycloak.test.version"));
        assertThat(info.path("themes").path("login").findValuesAsText("name")).contains("tes");
        assertThat(info.path("themes").path("email").findValuesAsText("name")).contains("tes");
    }

    @Test
    @DisplayName("serves the realm's discovery document")
    void servesDiscovery() throws Exception {
        Browser.Page discovery = new Browser().open(TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM)
                + "/.well-known/openid-configuration");

        assertThat(discovery.status()).isEqualTo(200);
        JsonNode document = KeycloakAdmin.MAPPER.readTree(discovery.body());
        assertThat(document.path("issuer").asText()).endsWith("/realms/tes");
        assertThat(document.path("code_challenge_methods_supported").toString()).contains("S256");
    }
}
