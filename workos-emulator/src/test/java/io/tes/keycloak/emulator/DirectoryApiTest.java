package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's users, memberships and password resets")
class DirectoryApiTest {

    private static WorkOsEmulator workos;
    private static EmulatorClient client;
    private static String key;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
        key = workos.apiKey();
    }

    @AfterAll
    static void stop() {
        workos.close();
    }

    @Nested
    @DisplayName("Given user creation")
    class Users {

        @Test
        @DisplayName("when the email is new then the user is created and can be read back and found by email")
        void creates() throws Exception {
            EmulatorClient.Reply created = client.postJson("/user_management/users", Map.of("email", "dan@new.test",
                    "password", "Dan-pass-12!", "first_name", "Dan", "last_name", "New"), key);

            assertThat(created.status()).isEqualTo(201);
            String id = created.json().path("id").asText();
            assertThat(client.get("/user_management/users/" + id, key).json().path("email").asText())
                    .isEqualTo("dan@new.test");
            assertThat(client.get("/user_management/users?email=dan%40new.test", key).json().path("data")
                    .findValuesAsText("id")).containsExactly(id);
            // Created unverified, in an environment that requires verification (the demo seed's setting).
            assertThat(client.password("dan@new.test", "Dan-pass-12!").json().path("code").asText())
                    .isEqualTo("email_verification_required");
        }

        @Test
        @DisplayName("when the email is taken then 422 names email_not_available")
        void duplicate() throws Exception {
            EmulatorClient.Reply reply = client.postJson("/user_management/users",
                    Map.of("email", "ALICE@acme.test", "password", "Other-pass-1!"), key);

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.body()).contains("email_not_available");
        }

        @Test
        @DisplayName("when the password is weak then 422 password_strength_error and nothing is created")
        void weakPassword() throws Exception {
            EmulatorClient.Reply reply = client.postJson("/user_management/users",
                    Map.of("email", "weak@new.test", "password", "short"), key);

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.json().path("code").asText()).isEqualTo("password_strength_error");
            assertThat(client.get("/user_management/users?email=weak%40new.test", key).json().path("data")).isEmpty();
        }

        @Test
        @DisplayName("when the user does not exist then 404 entity_not_found")
        void unknown() throws Exception {
            EmulatorClient.Reply reply = client.get("/user_management/users/user_nobody", key);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().path("code").asText()).isEqualTo("entity_not_found");
        }
    }

    @Nested
    @DisplayName("Given memberships")
    class Memberships {

        @Test
        @DisplayName("when listed for bob then each organization comes with its name and role")
        void listsWithRoles() throws Exception {
            JsonNode data = client.get("/user_management/organization_memberships?user_id=user_bob", key).json()
                    .path("data");

            assertThat(data.findValuesAsText("organization_id")).containsExactly("org_acme", "org_globex");
            assertThat(data.findValuesAsText("organization_name"))
                    .containsExactly("Acme Recycling", "Globex Logistics");
            assertThat(data.get(0).path("role").path("slug").asText()).isEqualTo("organizer");
            assertThat(data.get(1).path("roles").get(0).path("slug").asText()).isEqualTo("viewer");
        }

        @Test
        @DisplayName("when paged one at a time then the after cursor walks the list")
        void pages() throws Exception {
            JsonNode first = client.get("/user_management/organization_memberships?user_id=user_bob&limit=1", key)
                    .json();
            String after = first.path("list_metadata").path("after").asText();
            JsonNode second = client.get("/user_management/organization_memberships?user_id=user_bob&limit=1&after="
                    + after, key).json();

            assertThat(first.path("data").findValuesAsText("organization_id")).containsExactly("org_acme");
            assertThat(second.path("data").findValuesAsText("organization_id")).containsExactly("org_globex");
            assertThat(second.path("list_metadata").path("after").isNull()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given a password reset")
    class PasswordReset {

        @Test
        @DisplayName("when confirmed then the new password works, the old one and the token do not")
        void resets() throws Exception {
            workos.passwordResetUrl("http://localhost:8080/realms/tes/workos/reset");
            client.postJson("/user_management/users", Map.of("email", "erin@new.test", "password", "Erin-pass-1!"),
                    key);
            EmulatorClient.Reply created = client.postJson("/user_management/password_reset",
                    Map.of("email", "erin@new.test"), key);
            String token = created.json().path("password_reset_token").asText();

            EmulatorClient.Reply confirmed = client.postJson("/user_management/password_reset/confirm",
                    Map.of("token", token, "new_password", "Erin-new-pass-2!"), key);
            EmulatorClient.Reply reused = client.postJson("/user_management/password_reset/confirm",
                    Map.of("token", token, "new_password", "Erin-new-pass-3!"), key);

            assertThat(created.status()).isEqualTo(201);
            assertThat(workos.outbox()).anySatisfy(mail -> assertThat(mail.get("url"))
                    .startsWith("http://localhost:8080/realms/tes/workos/reset?token="));
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.json().path("user").path("email_verified").asBoolean()).isTrue();
            assertThat(reused.status()).isEqualTo(400);
            assertThat(client.password("erin@new.test", "Erin-pass-1!").status()).isEqualTo(400);
            assertThat(client.password("erin@new.test", "Erin-new-pass-2!").status()).isEqualTo(200);
        }

        @Test
        @DisplayName("when the email is unknown then 404 and no email is sent")
        void unknownEmail() throws Exception {
            int before = workos.outbox().size();

            EmulatorClient.Reply reply = client.postJson("/user_management/password_reset",
                    Map.of("email", "nobody@nowhere.test"), key);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(workos.outbox()).hasSize(before);
        }
    }
}
