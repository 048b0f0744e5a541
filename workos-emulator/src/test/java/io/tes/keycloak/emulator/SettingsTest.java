package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The emulator's environment settings")
class SettingsTest {

    @Test
    @DisplayName("Given the demo seed then email verification is required and MFA is not; PUT changes either key "
            + "alone and refuses a non-boolean")
    void demoAndPartialUpdates() throws Exception {
        try (WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0)) {
            EmulatorClient client = new EmulatorClient(workos);

            assertThat(client.get("/__emulator/settings", null).json().path("email_verification_required")
                    .asBoolean()).isTrue();
            assertThat(client.get("/__emulator/settings", null).json().path("mfa_required").asBoolean(true))
                    .isFalse();
            EmulatorClient.Reply mfa = client.put("/__emulator/settings", "{\"mfa_required\": true}");
            assertThat(mfa.status()).isEqualTo(200);
            assertThat(mfa.json().path("mfa_required").asBoolean()).isTrue();
            assertThat(mfa.json().path("email_verification_required").asBoolean()).isTrue();
            assertThat(workos.mfaRequired()).isTrue();
            client.put("/__emulator/settings", "{\"email_verification_required\": false}");
            assertThat(workos.emailVerificationRequired()).isFalse();
            assertThat(workos.mfaRequired()).isTrue();
            assertThat(client.put("/__emulator/settings", "{\"mfa_required\": \"yes\"}").status()).isEqualTo(400);
            assertThat(client.put("/__emulator/settings", "{not json").status()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("Given a seed without settings then both are off")
    void seedWithoutSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, "{\"api_key\": \"sk_x\", \"client_id\": \"client_x\", \"users\": [{\"id\": "
                + "\"user_x\", \"email\": \"x@x.test\", \"password\": \"Demo-pass-1!\", \"first_name\": null, "
                + "\"email_verified\": false, \"locale\": \"de-DE\"}]}");

        try (WorkOsEmulator workos = WorkOsEmulator.start(Seed.fromFile(file), 0)) {
            EmulatorClient.Reply reply = new EmulatorClient(workos).password("x@x.test", "Demo-pass-1!");

            assertThat(workos.emailVerificationRequired()).isFalse();
            assertThat(workos.mfaRequired()).isFalse();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("user").path("first_name").isNull()).isTrue();
            assertThat(reply.json().path("user").path("last_name").isNull()).isTrue();
            assertThat(reply.json().path("user").path("locale").asText()).isEqualTo("de-DE");
            assertThat(reply.json().path("user").path("last_sign_in_at").asText()).isNotBlank();
        }
    }
}
