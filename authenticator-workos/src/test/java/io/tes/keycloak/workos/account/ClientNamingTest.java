package io.tes.keycloak.workos.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ClientNaming")
class ClientNamingTest {

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("Given the ways Keycloak reads itself")
    class KeycloakReads {

        @Test
        @DisplayName("Given HTTP Basic then the client is named and Keycloak needs no hint")
        void basicHeader() {
            ClientNaming naming = ClientNaming.of(basic("tes-backend", "s3cret"), null, null, false);

            assertThat(naming.clientId()).isEqualTo("tes-backend");
            assertThat(naming.conflicting()).isFalse();
            assertThat(naming.tellKeycloak()).isFalse();
        }

        @Test
        @DisplayName("Given client_id in a form body then Keycloak reads it itself")
        void formClientId() {
            ClientNaming naming = ClientNaming.of(null, null, "tes-backend", true);

            assertThat(naming.clientId()).isEqualTo("tes-backend");
            assertThat(naming.tellKeycloak()).isFalse();
        }
    }

    @Nested
    @DisplayName("Given the ways TES's apps named themselves")
    class TesWays {

        @Test
        @DisplayName("Given X-Client-Id then Keycloak must be told the client")
        void header() {
            ClientNaming naming = ClientNaming.of(null, " tes-portal ", null, false);

            assertThat(naming.clientId()).isEqualTo("tes-portal");
            assertThat(naming.tellKeycloak()).isTrue();
        }

        @Test
        @DisplayName("Given client_id in a JSON body then Keycloak must be told the client")
        void jsonClientId() {
            ClientNaming naming = ClientNaming.of(null, null, "tes-portal", false);

            assertThat(naming.clientId()).isEqualTo("tes-portal");
            assertThat(naming.tellKeycloak()).isTrue();
        }

        @Test
        @DisplayName("Given X-Client-Id repeating the Basic client then it is one client")
        void sameClientTwice() {
            ClientNaming naming = ClientNaming.of(basic("tes-backend", "x"), "tes-backend", null, false);

            assertThat(naming.conflicting()).isFalse();
            assertThat(naming.tellKeycloak()).isFalse();
        }
    }

    @Nested
    @DisplayName("Given a request that names no client or two")
    class Refused {

        @Test
        @DisplayName("Given nothing (or blanks, or another Authorization scheme) then no client is named")
        void nothing() {
            assertThat(ClientNaming.of(null, null, null, false).none()).isTrue();
            assertThat(ClientNaming.of(null, " ", "", true).none()).isTrue();
            assertThat(ClientNaming.of("Bearer abc", null, null, false).none()).isTrue();
        }

        @Test
        @DisplayName("Given two different clients then the naming conflicts")
        void twoClients() {
            assertThat(ClientNaming.of(basic("tes-backend", "x"), "tes-portal", null, false).conflicting()).isTrue();
            assertThat(ClientNaming.of(null, "tes-portal", "tes-web", true).conflicting()).isTrue();
        }
    }
}
