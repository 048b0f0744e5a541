package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's email verification step")
class EmailVerificationTest {

    private static final String PASSWORD = "Demo-pass-1!";
    static final String GRANT = "urn:workos:oauth:grant-type:email-verification:code";

    private static WorkOsEmulator workos;
    private static EmulatorClient client;
    private static int users;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
    }

    @AfterAll
    static void stop() {
        workos.close();
    }

    @BeforeEach
    void settings() {
        workos.emailVerificationRequired(true);
        workos.mfaRequired(false);
    }

    /** A new unverified Acme member, so each test has its own codes. */
    private static String newUser() {
        String email = "unverified" + (++users) + "@verify.test";
        workos.addMembership(workos.addUnverifiedUser(email, PASSWORD, "Una", null), "org_acme", "viewer");
        return email;
    }

    private static JsonNode required(String email) throws Exception {
        EmulatorClient.Reply reply = client.password(email, PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        return reply.json();
    }

    private static EmulatorClient.Reply verify(String pending, String code) throws Exception {
        return client.authenticate(Map.of("grant_type", GRANT, "pending_authentication_token", pending,
                "code", code));
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Nested
    @DisplayName("Given an unverified user's password sign-in")
    class Required {

        @Test
        @DisplayName("then 403 email_verification_required with the pending token, email, id and user, and a code "
                + "in the outbox")
        void answersAndSends() throws Exception {
            JsonNode body = required("dana@verify.test");

            assertThat(body.path("code").asText()).isEqualTo("email_verification_required");
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("pending_authentication_token").asText()).isNotBlank();
            assertThat(body.path("email").asText()).isEqualTo("dana@verify.test");
            assertThat(body.path("email_verification_id").asText()).startsWith("email_verification_");
            assertThat(body.path("user").path("id").asText()).isEqualTo("user_dana");
            assertThat(body.path("user").path("email_verified").asBoolean(true)).isFalse();
            Map<String, String> mail = workos.outbox().get(workos.outbox().size() - 1);
            assertThat(mail).containsEntry("kind", "email_verification").containsEntry("to", "dana@verify.test")
                    .containsKey("sent_at");
            assertThat(mail.get("code")).matches("\\d{6}")
                    .isEqualTo(workos.latestEmailVerificationCode("dana@verify.test"));
        }

        @Test
        @DisplayName("when the right code comes then the user is verified and authenticated, and the token is spent")
        void rightCode() throws Exception {
            String email = newUser();
            String pending = required(email).path("pending_authentication_token").asText();
            String code = workos.latestEmailVerificationCode(email);

            EmulatorClient.Reply reply = verify(pending, code);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("user").path("email_verified").asBoolean()).isTrue();
            assertThat(reply.json().path("organization_id").asText()).isEqualTo("org_acme");
            assertThat(reply.json().path("access_token").asText()).isNotBlank();
            assertThat(client.password(email, PASSWORD).status()).isEqualTo(200);
            assertThat(verify(pending, code).json().path("code").asText())
                    .isEqualTo("invalid_pending_authentication_token");
        }

        @Test
        @DisplayName("when a wrong code comes then invalid_one_time_code, and the token still finishes with the right one")
        void wrongCode() throws Exception {
            String email = newUser();
            String pending = required(email).path("pending_authentication_token").asText();
            String code = workos.latestEmailVerificationCode(email);

            EmulatorClient.Reply refused = verify(pending, wrong(code));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("code").asText()).isEqualTo("invalid_one_time_code");
            assertThat(verify(pending, code).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("when the code expired then one_time_code_expired, and a new code finishes the same token")
        void expiredCode() throws Exception {
            String email = newUser();
            required(email);
            String code = workos.latestEmailVerificationCode(email);
            workos.advanceClock(Duration.ofMinutes(6));
            // A second sign-in within the code's 10 minutes mails the same code again, with a fresh token.
            String pending = required(email).path("pending_authentication_token").asText();
            assertThat(workos.latestEmailVerificationCode(email)).isEqualTo(code);
            workos.advanceClock(Duration.ofMinutes(5));

            EmulatorClient.Reply refused = verify(pending, code);
            String userId = required(email).path("user").path("id").asText();
            client.postJson("/user_management/users/" + userId + "/email_verification/send", Map.of(),
                    workos.apiKey());

            assertThat(refused.json().path("code").asText()).isEqualTo("one_time_code_expired");
            assertThat(verify(pending, workos.latestEmailVerificationCode(email)).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("when a used code comes with another pending token then one_time_code_previously_used")
        void usedCode() throws Exception {
            String email = newUser();
            String first = required(email).path("pending_authentication_token").asText();
            String second = required(email).path("pending_authentication_token").asText();
            String code = workos.latestEmailVerificationCode(email);
            assertThat(verify(first, code).status()).isEqualTo(200);

            EmulatorClient.Reply reused = verify(second, code);

            assertThat(reused.status()).isEqualTo(400);
            assertThat(reused.json().path("code").asText()).isEqualTo("one_time_code_previously_used");
        }

        @Test
        @DisplayName("when the token is unknown or older than 10 minutes then invalid_pending_authentication_token")
        void pendingTokenExpires() throws Exception {
            String email = newUser();
            String pending = required(email).path("pending_authentication_token").asText();
            String code = workos.latestEmailVerificationCode(email);

            assertThat(verify("not-a-token", code).json().path("code").asText())
                    .isEqualTo("invalid_pending_authentication_token");
            workos.advanceClock(Duration.ofMinutes(11));
            EmulatorClient.Reply expired = verify(pending, code);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.json().path("code").asText()).isEqualTo("invalid_pending_authentication_token");
        }

        @Test
        @DisplayName("when a user of several organizations verifies then organization_selection_required comes next")
        void organizationSelectionNext() throws Exception {
            String email = newUser();
            String id = required(email).path("user").path("id").asText();
            workos.addMembership(id, "org_globex", "viewer");
            String pending = required(email).path("pending_authentication_token").asText();

            EmulatorClient.Reply next = verify(pending, workos.latestEmailVerificationCode(email));

            assertThat(next.status()).isEqualTo(403);
            assertThat(next.json().path("code").asText()).isEqualTo("organization_selection_required");
            assertThat(next.json().path("user").path("email_verified").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given a request for a new code")
    class Resend {

        @Test
        @DisplayName("then 200 with the user, a new code in the outbox, and the old code no longer works")
        void replacesOldCode() throws Exception {
            String email = newUser();
            JsonNode body = required(email);
            String old = workos.latestEmailVerificationCode(email);
            String pending = body.path("pending_authentication_token").asText();

            EmulatorClient.Reply sent = client.postJson("/user_management/users/" + body.path("user").path("id")
                    .asText() + "/email_verification/send", Map.of(), workos.apiKey());
            String fresh = workos.latestEmailVerificationCode(email);

            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.json().path("user").path("email").asText()).isEqualTo(email);
            if (!fresh.equals(old)) {
                assertThat(verify(pending, old).json().path("code").asText()).isEqualTo("invalid_one_time_code");
            }
            assertThat(verify(pending, fresh).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("for an unknown user then 404, and without the API key 401")
        void unknownUser() throws Exception {
            assertThat(client.postJson("/user_management/users/user_nobody/email_verification/send", Map.of(),
                    workos.apiKey()).status()).isEqualTo(404);
            assertThat(client.postJson("/user_management/users/user_dana/email_verification/send", Map.of(), null)
                    .status()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("Given the setting off then an unverified user signs in unverified")
    void settingOff() throws Exception {
        workos.emailVerificationRequired(false);
        String email = newUser();
        int mails = workos.outbox().size();

        EmulatorClient.Reply reply = client.password(email, PASSWORD);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("user").path("email_verified").asBoolean(true)).isFalse();
        assertThat(workos.outbox()).hasSize(mails);
        assertThat(List.of(workos.emailVerificationRequired())).containsExactly(false);
    }
}
