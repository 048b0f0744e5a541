package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsClient against the WorkOS emulator")
class WorkOsClientTest {

    private static final String PASSWORD = "Demo-pass-1!";

    private static WorkOsEmulator workos;
    private static CloseableHttpClient http;
    private final List<Duration> sleeps = new ArrayList<>();
    private WorkOsClient client;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        workos.close();
    }

    @BeforeEach
    void newClient() {
        workos.faults().clearAll();
        workos.calls().clear();
        client = clientWith(workos.apiKey(), Duration.ofSeconds(2));
    }

    private WorkOsClient clientWith(String apiKey, Duration readTimeout) {
        return new WorkOsClient(http, new WorkOsSettings(workos.baseUrl() + "/", apiKey, workos.clientId(),
                Duration.ofSeconds(1), readTimeout, 3), sleeps::add);
    }

    @Nested
    @DisplayName("Given a password sign-in")
    class PasswordSignIn {

        @Test
        @DisplayName("when the user has one organization then the authentication names it")
        void singleOrganization() throws Exception {
            Authentication result = client.authenticateWithPassword("alice@acme.test", PASSWORD, "10.0.0.1", "test");

            assertThat(result.user().id()).isEqualTo("user_alice");
            assertThat(result.organizationId()).isEqualTo("org_acme");
            assertThat(result.toString()).doesNotContain(result.accessToken(), result.refreshToken());
        }

        @Test
        @DisplayName("when the user has two organizations then selection is required and completes with one")
        void organizationSelection() throws Exception {
            OrganizationSelectionRequired required = catchThrowableOfType(OrganizationSelectionRequired.class,
                    () -> client.authenticateWithPassword("bob@multi.test", PASSWORD, null, null));

            assertThat(required.organizations()).extracting(WorkOsOrganization::id)
                    .containsExactly("org_acme", "org_globex");
            assertThat(required.user().email()).isEqualTo("bob@multi.test");
            Authentication globex = client.completeOrganizationSelection(required.pendingToken(), "org_globex",
                    null, null);
            assertThat(globex.organizationId()).isEqualTo("org_globex");
            WorkOsException replay = catchThrowableOfType(WorkOsException.class,
                    () -> client.completeOrganizationSelection(required.pendingToken(), "org_globex", null, null));
            assertThat(replay.error()).isEqualTo(WorkOsError.INVALID_GRANT);
        }

        @Test
        @DisplayName("when the password is wrong then INVALID_CREDENTIALS, and the message holds no secret")
        void wrongPassword() {
            WorkOsException e = catchThrowableOfType(WorkOsException.class,
                    () -> client.authenticateWithPassword("alice@acme.test", "Wrong-pass-9!", null, null));

            assertThat(e.error()).isEqualTo(WorkOsError.INVALID_CREDENTIALS);
            assertThat(e.error().code()).isEqualTo("workos_invalid_credentials");
            assertThat(e.getMessage()).doesNotContain("Wrong-pass-9!", workos.apiKey(), "alice@acme.test");
        }

        @Test
        @DisplayName("when the API key is wrong then UNAUTHORIZED")
        void wrongApiKey() {
            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> clientWith("sk_wrong",
                    Duration.ofSeconds(2)).authenticateWithPassword("alice@acme.test", PASSWORD, null, null));

            assertThat(e.error()).isEqualTo(WorkOsError.UNAUTHORIZED);
            assertThat(e.status()).isEqualTo(401);
        }

        @Test
        @DisplayName("when the refresh token switches organization then the new session is in it")
        void refreshSwitch() throws Exception {
            OrganizationSelectionRequired required = catchThrowableOfType(OrganizationSelectionRequired.class,
                    () -> client.authenticateWithPassword("bob@multi.test", PASSWORD, null, null));
            Authentication acme = client.completeOrganizationSelection(required.pendingToken(), "org_acme", null, null);

            Authentication globex = client.authenticateWithRefreshToken(acme.refreshToken(), "org_globex");

            assertThat(globex.organizationId()).isEqualTo("org_globex");
        }
    }

    @Nested
    @DisplayName("Given the directory calls")
    class Directory {

        @Test
        @DisplayName("then users, memberships with roles, and JWKS are read")
        void reads() throws Exception {
            assertThat(client.getUser("user_bob").email()).isEqualTo("bob@multi.test");
            assertThat(client.memberships("user_bob")).extracting(WorkOsMembership::organizationId, m -> m.roles())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("org_acme", List.of("organizer")),
                            org.assertj.core.groups.Tuple.tuple("org_globex", List.of("viewer")));
            assertThat(client.jwks().path("keys").get(0).path("kid").asText()).isEqualTo(workos.currentKeyId());
        }

        @Test
        @DisplayName("when creating a user with a taken email or a weak password then the field errors say so")
        void createUserErrors() {
            WorkOsException taken = catchThrowableOfType(WorkOsException.class,
                    () -> client.createUser("alice@acme.test", "Other-pass-1!", "A", "B", false));
            WorkOsException weak = catchThrowableOfType(WorkOsException.class,
                    () -> client.createUser("new@x.test", "weak", "A", "B", false));

            assertThat(taken.error()).isEqualTo(WorkOsError.VALIDATION_FAILED);
            assertThat(taken.fieldErrors()).contains("email_not_available");
            assertThat(weak.fieldErrors()).contains("password_strength_error");
        }

        @Test
        @DisplayName("when a password reset is created and confirmed then the new password signs in")
        void passwordReset() throws Exception {
            client.createUser("frank@new.test", "Frank-pass-1!", "Frank", "New", true);
            PasswordReset reset = client.createPasswordReset("frank@new.test");
            String url = workos.outbox().get(workos.outbox().size() - 1).get("url");
            String token = java.net.URLDecoder.decode(url.substring(url.indexOf("token=") + 6),
                    java.nio.charset.StandardCharsets.UTF_8);

            WorkOsUser user = client.confirmPasswordReset(token, "Frank-new-pass-2!");

            assertThat(reset.email()).isEqualTo("frank@new.test");
            assertThat(user.emailVerified()).isTrue();
            assertThat(client.authenticateWithPassword("frank@new.test", "Frank-new-pass-2!", null, null).user().id())
                    .isEqualTo(user.id());
        }
    }

    @Nested
    @DisplayName("Given WorkOS's second steps")
    class SecondSteps {

        @org.junit.jupiter.api.AfterEach
        void settingsBack() {
            workos.mfaRequired(false);
            workos.emailVerificationRequired(true);
        }

        @Test
        @DisplayName("when the email is not verified then the emailed code finishes the sign-in, verified")
        void emailVerification() throws Exception {
            String email = "verify-" + System.nanoTime() + "@verify.test";
            workos.addUnverifiedUser(email, PASSWORD, null, null);

            SecondStepRequired required = catchThrowableOfType(SecondStepRequired.class,
                    () -> client.authenticateWithPassword(email, PASSWORD, null, null));

            assertThat(required.step()).isEqualTo(SecondStepRequired.Step.EMAIL_VERIFICATION);
            assertThat(required.error()).isEqualTo(WorkOsError.EMAIL_VERIFICATION_REQUIRED);
            assertThat(required.email()).isEqualTo(email);
            assertThat(required.user().emailVerified()).isFalse();
            assertThat(required.getMessage()).doesNotContain(required.pendingToken());
            WorkOsException wrong = catchThrowableOfType(WorkOsException.class,
                    () -> client.completeEmailVerification(required.pendingToken(), "not-it", null, null));
            assertThat(wrong.error()).isEqualTo(WorkOsError.ONE_TIME_CODE_INVALID);
            Authentication done = client.completeEmailVerification(required.pendingToken(),
                    workos.latestEmailVerificationCode(email), null, null);
            assertThat(done.user().emailVerified()).isTrue();
            WorkOsException spent = catchThrowableOfType(WorkOsException.class,
                    () -> client.completeEmailVerification(required.pendingToken(), "123456", null, null));
            assertThat(spent.error()).isEqualTo(WorkOsError.PENDING_AUTHENTICATION_EXPIRED);
        }

        @Test
        @DisplayName("when MFA is on then a factor is challenged, or enrolled, and its TOTP code finishes the sign-in")
        void totp() throws Exception {
            workos.mfaRequired(true);
            String email = "totp-" + System.nanoTime() + "@mfa.test";
            String userId = workos.addUser(email, PASSWORD, "Tia", "Totp");

            SecondStepRequired enroll = catchThrowableOfType(SecondStepRequired.class,
                    () -> client.authenticateWithPassword(email, PASSWORD, null, null));
            assertThat(enroll.step()).isEqualTo(SecondStepRequired.Step.MFA_ENROLLMENT);
            assertThat(enroll.error()).isEqualTo(WorkOsError.MFA_REQUIRED);
            TotpEnrollment factor = client.enrollTotp(userId, "TES", email);
            assertThat(factor.uri()).startsWith("otpauth://totp/");
            assertThat(factor.toString()).doesNotContain(factor.secret());
            Authentication enrolled = client.completeTotp(enroll.pendingToken(), factor.challengeId(),
                    io.tes.keycloak.emulator.Totp.code(factor.secret(), workos.now()), null, null);
            assertThat(enrolled.user().id()).isEqualTo(userId);

            SecondStepRequired challenge = catchThrowableOfType(SecondStepRequired.class,
                    () -> client.authenticateWithPassword(email, PASSWORD, null, null));
            assertThat(challenge.step()).isEqualTo(SecondStepRequired.Step.MFA_CHALLENGE);
            assertThat(challenge.factorIds()).containsExactly(factor.factorId());
            String challengeId = client.challengeFactor(challenge.factorIds().get(0));
            WorkOsException wrong = catchThrowableOfType(WorkOsException.class,
                    () -> client.completeTotp(challenge.pendingToken(), challengeId, "000000", null, null));
            assertThat(wrong.error()).isEqualTo(WorkOsError.ONE_TIME_CODE_INVALID);
            assertThat(client.completeTotp(challenge.pendingToken(), challengeId,
                    io.tes.keycloak.emulator.Totp.code(factor.secret(), workos.now().plusSeconds(30)), null, null)
                    .user().id()).isEqualTo(userId);
        }

        @Test
        @DisplayName("when a new code is asked for then WorkOS emails one")
        void resend() throws Exception {
            String email = "resend-" + System.nanoTime() + "@verify.test";
            String userId = workos.addUnverifiedUser(email, PASSWORD, "Rae", null);
            int before = workos.outbox().size();

            client.sendVerificationEmail(userId);

            assertThat(workos.outbox()).hasSize(before + 1);
            assertThat(workos.latestEmailVerificationCode(email)).hasSize(6);
        }
    }
}
