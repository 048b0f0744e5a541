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
}
