package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsSettings")
class WorkOsSettingsTest {

    @Nested
    @DisplayName("Given an API key read from a vault file")
    class ApiKey {

        @Test
        @DisplayName("then the line end an editor or echo wrote is not part of the key")
        void lineEndStripped() {
            assertThat(WorkOsSettings.of(null, "sk_test_key\n", "client_x").apiKey()).isEqualTo("sk_test_key");
            assertThat(WorkOsSettings.of(null, " sk_test_key\r\n", "client_x").apiKey()).isEqualTo("sk_test_key");
        }

        @Test
        @DisplayName("then a missing key stays missing")
        void missingKey() {
            assertThat(WorkOsSettings.of(null, null, "client_x").apiKey()).isNull();
        }

        @Test
        @DisplayName("then the settings never print it")
        void notPrinted() {
            assertThat(WorkOsSettings.of(null, "sk_test_key", "client_x").toString()).doesNotContain("sk_test_key");
        }
    }
}
