package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's TOTP MFA step")
class MfaTest {

    private static final String PASSWORD = "Demo-pass-1!";
    static final String GRANT = "urn:workos:oauth:grant-type:mfa-totp";

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
        workos.mfaRequired(true);
        workos.emailVerificationRequired(true);
        // Codes are computed here and checked a moment later: keep both in the same 30-second step.
        long intoStep = workos.now().getEpochSecond() % Totp.STEP_SECONDS;
        if (intoStep >= Totp.STEP_SECONDS - 3) {
            workos.advanceClock(Duration.ofSeconds(5));
        }
    }

    /** A new verified Acme member with its own TOTP secret, so codes of one test never collide with another's. */
    private static User newUser(boolean withFactor) {
        String email = "mfa" + (++users) + "@mfa.test";
        String id = workos.addUser(email, PASSWORD, "Mo", "Fa");
        workos.addMembership(id, "org_acme", "viewer");
        String secret = Totp.randomSecret();
        String factor = withFactor ? workos.addTotpFactor(id, secret) : null;
        return new User(id, email, secret, factor);
    }

    private record User(String id, String email, String secret, String factorId) {
    }

    private static JsonNode refused(String email) throws Exception {
        EmulatorClient.Reply reply = client.password(email, PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        return reply.json();
    }

    private static String challenge(String factorId) throws Exception {
        EmulatorClient.Reply reply = client.postJson("/auth/factors/" + factorId + "/challenge", Map.of(),
                workos.apiKey());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private static EmulatorClient.Reply totp(String pending, String challengeId, String code) throws Exception {
        return client.authenticate(Map.of("grant_type", GRANT, "pending_authentication_token", pending,
                "authentication_challenge_id", challengeId, "code", code));
    }

    private static String code(User user, int stepOffset) {
        return Totp.code(user.secret(), workos.now().plusSeconds(30L * stepOffset));
    }

    @Nested
    @DisplayName("Given a user with a TOTP factor")
    class Challenge {

        @Test
        @DisplayName("then 403 mfa_challenge names the factors, and the current code authenticates")
        void challengeThenCode() throws Exception {
            User user = newUser(true);
            JsonNode body = refused(user.email());
            String challengeId = challenge(user.factorId());

            EmulatorClient.Reply reply = totp(body.path("pending_authentication_token").asText(), challengeId,
                    code(user, 0));

            assertThat(body.path("code").asText()).isEqualTo("mfa_challenge");
            assertThat(body.path("user").path("id").asText()).isEqualTo(user.id());
            assertThat(body.path("authentication_factors").get(0).path("id").asText()).isEqualTo(user.factorId());
            assertThat(body.path("authentication_factors").get(0).path("type").asText()).isEqualTo("totp");
            assertThat(challengeId).startsWith("auth_challenge_");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("organization_id").asText()).isEqualTo("org_acme");
        }

        @Test
        @DisplayName("when the code is wrong then invalid_one_time_code, and the token still finishes")
        void wrongCode() throws Exception {
            User user = newUser(true);
            String pending = refused(user.email()).path("pending_authentication_token").asText();
            String challengeId = challenge(user.factorId());
            String right = code(user, 0);

            EmulatorClient.Reply wrong = totp(pending, challengeId, right.equals("000000") ? "111111" : "000000");

            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().path("code").asText()).isEqualTo("invalid_one_time_code");
            assertThat(totp(pending, challengeId, right).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("when a code is used twice then one_time_code_previously_used")
        void reusedCode() throws Exception {
            User user = newUser(true);
            String challengeId = challenge(user.factorId());
            String code = code(user, 0);
            assertThat(totp(refused(user.email()).path("pending_authentication_token").asText(), challengeId, code)
                    .status()).isEqualTo(200);

            EmulatorClient.Reply again = totp(refused(user.email()).path("pending_authentication_token").asText(),
                    challengeId, code);

            assertThat(again.status()).isEqualTo(400);
            assertThat(again.json().path("code").asText()).isEqualTo("one_time_code_previously_used");
        }

        @Test
        @DisplayName("then the codes of one step before and after are accepted, two steps away are not")
        void window() throws Exception {
            User user = newUser(true);
            String challengeId = challenge(user.factorId());

            assertThat(totp(refused(user.email()).path("pending_authentication_token").asText(), challengeId,
                    code(user, -1)).status()).isEqualTo(200);
            assertThat(totp(refused(user.email()).path("pending_authentication_token").asText(), challengeId,
                    code(user, 1)).status()).isEqualTo(200);
            EmulatorClient.Reply far = totp(refused(user.email()).path("pending_authentication_token").asText(),
                    challengeId, code(user, 3));
            assertThat(far.json().path("code").asText()).isEqualTo("invalid_one_time_code");
        }

        @Test
        @DisplayName("when the challenge is unknown or another user's then invalid_request; a spent or expired token "
                + "is invalid_pending_authentication_token")
        void badChallengeAndToken() throws Exception {
            User user = newUser(true);
            User other = newUser(true);
            String pending = refused(user.email()).path("pending_authentication_token").asText();

            assertThat(totp(pending, "auth_challenge_nope", code(user, 0)).json().path("code").asText())
                    .isEqualTo("invalid_request");
            assertThat(totp(pending, challenge(other.factorId()), code(other, 0)).json().path("code").asText())
                    .isEqualTo("invalid_request");
            assertThat(totp("not-a-token", challenge(user.factorId()), code(user, 0)).json().path("code").asText())
                    .isEqualTo("invalid_pending_authentication_token");
            workos.advanceClock(Duration.ofMinutes(11));
            assertThat(totp(pending, challenge(user.factorId()), code(user, 0)).json().path("code").asText())
                    .isEqualTo("invalid_pending_authentication_token");
        }
    }

    @Nested
    @DisplayName("Given a user without a factor")
    class Enrollment {

        @Test
        @DisplayName("then 403 mfa_enrollment; enrolling answers the factor with its secret and a challenge whose "
                + "code authenticates; the factor is listed")
        void enrollThenCode() throws Exception {
            User user = newUser(false);
            JsonNode body = refused(user.email());
            EmulatorClient.Reply enrolled = client.postJson("/user_management/users/" + user.id() + "/auth_factors",
                    Map.of("type", "totp", "totp_issuer", "TES", "totp_user", user.email()), workos.apiKey());
            JsonNode factor = enrolled.json().path("authentication_factor");
            JsonNode challenge = enrolled.json().path("authentication_challenge");
            String code = Totp.code(factor.path("totp").path("secret").asText(), workos.now());

            EmulatorClient.Reply reply = totp(body.path("pending_authentication_token").asText(),
                    challenge.path("id").asText(), code);

            assertThat(body.path("code").asText()).isEqualTo("mfa_enrollment");
            assertThat(body.path("user").path("id").asText()).isEqualTo(user.id());
            assertThat(enrolled.status()).isEqualTo(201);
            assertThat(factor.path("id").asText()).startsWith("auth_factor_");
            assertThat(factor.path("type").asText()).isEqualTo("totp");
            assertThat(factor.path("user_id").asText()).isEqualTo(user.id());
            assertThat(factor.path("totp").path("qr_code").asText()).startsWith("data:image/png;base64,");
            assertThat(factor.path("totp").path("uri").asText()).startsWith("otpauth://totp/TES:")
                    .contains("secret=" + factor.path("totp").path("secret").asText(), "issuer=TES");
            assertThat(challenge.path("authentication_factor_id").asText()).isEqualTo(factor.path("id").asText());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode listed = client.get("/user_management/users/" + user.id() + "/auth_factors", workos.apiKey())
                    .json();
            assertThat(listed.path("data").findValuesAsText("id")).containsExactly(factor.path("id").asText());
            assertThat(listed.path("data").get(0).path("totp").has("secret")).isFalse();
            assertThat(refused(user.email()).path("code").asText()).isEqualTo("mfa_challenge");
        }

        @Test
        @DisplayName("when a secret is given then the factor uses it; a bad type or secret is 422")
        void givenSecret() throws Exception {
            User user = newUser(false);
            String path = "/user_management/users/" + user.id() + "/auth_factors";

            JsonNode factor = client.postJson(path, Map.of("type", "totp", "totp_secret", "JBSWY3DPEHPK3PXP"),
                    workos.apiKey()).json().path("authentication_factor");

            assertThat(factor.path("totp").path("secret").asText()).isEqualTo("JBSWY3DPEHPK3PXP");
            assertThat(client.postJson(path, Map.of("type", "sms"), workos.apiKey()).status()).isEqualTo(422);
            assertThat(client.postJson(path, Map.of("type", "totp", "totp_secret", "1!"), workos.apiKey()).status())
                    .isEqualTo(422);
        }
    }

    @Test
    @DisplayName("Given an unverified user and both settings then email verification comes first, then MFA")
    void emailFirst() throws Exception {
        String email = "both" + (++users) + "@mfa.test";
        workos.addMembership(workos.addUnverifiedUser(email, PASSWORD, null, null), "org_acme", "viewer");
        JsonNode body = refused(email);

        EmulatorClient.Reply next = client.authenticate(Map.of("grant_type", EmailVerificationTest.GRANT,
                "pending_authentication_token", body.path("pending_authentication_token").asText(),
                "code", workos.latestEmailVerificationCode(email)));

        assertThat(body.path("code").asText()).isEqualTo("email_verification_required");
        assertThat(next.status()).isEqualTo(403);
        assertThat(next.json().path("code").asText()).isEqualTo("mfa_enrollment");
        assertThat(next.json().path("pending_authentication_token").asText())
                .isNotEqualTo(body.path("pending_authentication_token").asText());
    }

    @Test
    @DisplayName("Given the MFA setting off then a user with a factor signs in with the password alone")
    void settingOff() throws Exception {
        workos.mfaRequired(false);

        assertThat(client.password("erin@mfa.test", PASSWORD).status()).isEqualTo(200);
    }
}
