package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import com.workos.WorkOS;
import com.workos.common.exceptions.GenericServerException;
import com.workos.common.exceptions.NotFoundException;
import com.workos.common.exceptions.RateLimitException;
import com.workos.common.exceptions.UnauthorizedException;
import com.workos.common.exceptions.UnprocessableEntityException;
import com.workos.common.exceptions.WorkOSException;
import com.workos.common.http.Page;
import com.workos.common.http.RetryConfig;
import com.workos.models.AuthenticateResponse;
import com.workos.models.AuthenticationChallenge;
import com.workos.models.AuthenticationFactor;
import com.workos.models.Organization;
import com.workos.models.OrganizationDeleted;
import com.workos.models.OrganizationMembershipCreated;
import com.workos.models.OrganizationMembershipDeleted;
import com.workos.models.OrganizationMembershipUpdated;
import com.workos.models.OrganizationUpdated;
import com.workos.models.UserDeleted;
import com.workos.models.UserUpdated;
import com.workos.models.WorkOSEvent;
import com.workos.models.User;
import com.workos.models.UserAuthenticationFactorEnrollResponse;
import com.workos.multifactorauth.MultiFactorAuth;
import com.workos.models.OrganizationMembership;
import com.workos.models.PasswordReset;
import com.workos.organizationmembership.CreateUserRole;
import com.workos.organizationmembership.OrganizationMembershipService;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.webhooks.Webhook;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import com.workos.usermanagement.CreateUserPassword;
import com.workos.usermanagement.UserManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WorkOS's own Java SDK (test scope only) parses every kind of answer the emulator gives: its strict models fail on a
 * missing required field, so this keeps the emulator's shapes those of WorkOS.
 */
@DisplayName("The official WorkOS SDK against the emulator")
class WorkOsSdkContractTest {

    private static final String PASSWORD = "Demo-pass-1!";

    private static WorkOsEmulator emulator;
    private static WorkOS workos;
    private static UserManagement users;
    private static EmulatorClient wire;

    @BeforeAll
    static void start() {
        emulator = WorkOsEmulator.start(Seed.demo(), 0);
        workos = sdk(emulator.apiKey());
        users = workos.getUserManagement();
        wire = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void clearFaults() {
        emulator.faults().clearAll();
    }

    private static WorkOS sdk(String apiKey) {
        return WorkOS.builder().apiKey(apiKey).clientId(emulator.clientId()).apiBaseUrl(emulator.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
    }

    @Test
    @DisplayName("parses a password authentication and a refresh that switches organization")
    void passwordAndRefresh() {
        AuthenticateResponse alice = users.authenticateWithPassword("alice@acme.test", PASSWORD);
        AuthenticateResponse refreshed = users.authenticateWithRefreshToken(alice.getRefreshToken(), null);

        assertThat(alice.getUser().getId()).isEqualTo("user_alice");
        assertThat(alice.getUser().getCreatedAt()).isNotNull();
        assertThat(alice.getOrganizationId()).isEqualTo("org_acme");
        assertThat(refreshed.getOrganizationId()).isEqualTo("org_acme");
    }

    @Test
    @DisplayName("reports organization_selection_required, and completes the selection from its raw body")
    void organizationSelection() throws Exception {
        WorkOSException required = catchThrowableOfType(WorkOSException.class,
                () -> users.authenticateWithPassword("bob@multi.test", PASSWORD));
        String pending = EmulatorClient.MAPPER.readTree(required.rawBody).path("pending_authentication_token").asText();

        AuthenticateResponse globex = users.authenticateWithOrganizationSelection(pending, "org_globex");

        assertThat(required.status).isEqualTo(403);
        assertThat(required.code).isEqualTo("organization_selection_required");
        assertThat(globex.getOrganizationId()).isEqualTo("org_globex");
    }

    @Test
    @DisplayName("builds authorize and logout URLs the emulator serves, and exchanges the code")
    void hostedFlow() throws Exception {
        String verifier = "sdk-contract-code-verifier-0123456789-abcdefghijklmnop";
        String url = AuthKitAuthUrlsKt.getAuthorizationUrl(users, new AuthKitAuthorizationUrlOptions(
                "http://localhost:3000/cb", null, "authkit", null, null, "st-sdk", AuthenticateApi.s256(verifier),
                "S256"));
        EmulatorClient.Reply page = wire.get(url.substring(emulator.baseUrl().length()), null);
        Map<String, String> form = new HashMap<>(ApiRequest.parseForm(URI.create(url).getRawQuery()));
        form.put("email", "alice@acme.test");
        form.put("password", PASSWORD);
        String location = wire.postForm("/user_management/authorize", form).header("Location");
        String code = ApiRequest.parseForm(URI.create(location).getRawQuery()).get("code");

        AuthenticateResponse tokens = users.authenticateWithCode(code, verifier);
        String logout = AuthKitAuthUrlsKt.getLogoutUrl(users, new AuthKitLogoutUrlOptions("session_x",
                "http://localhost:3000"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(tokens.getUser().getEmail()).isEqualTo("alice@acme.test");
        assertThat(wire.get(logout.substring(emulator.baseUrl().length()), null).header("Location"))
                .isEqualTo("http://localhost:3000");
    }

    @Test
    @DisplayName("revokes a session (the refresh token then fails) and reads an unknown session as not found")
    void revokeSession() {
        AuthenticateResponse tokens = users.authenticateWithPassword("alice@acme.test", PASSWORD);
        String sid = sidOf(tokens.getAccessToken());

        users.revokeSession(sid);

        assertThat(emulator.sessionLive(sid)).isFalse();
        assertThat(catchThrowableOfType(WorkOSException.class,
                () -> users.authenticateWithRefreshToken(tokens.getRefreshToken(), null))).isNotNull();
        assertThat(catchThrowableOfType(NotFoundException.class, () -> users.revokeSession(sid))).isNotNull();
    }

    private static String sidOf(String accessToken) {
        try {
            return EmulatorClient.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]))
                    .path("sid").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("parses users, memberships with roles, password resets and the JWKS")
    void directory() {
        String id = users.create(new CreateUserPassword.Plaintext("Gina-pass-1!"), "gina@new.test", "Gina", "New")
                .getId();
        Page<OrganizationMembership> memberships = workos.getOrganizationMembership()
                .list(null, null, null, null, null, null, "user_bob");
        PasswordReset reset = users.resetPassword("gina@new.test");

        assertThat(users.get(id).getEmail()).isEqualTo("gina@new.test");
        assertThat(memberships.data).extracting(OrganizationMembership::getOrganizationId)
                .containsExactly("org_acme", "org_globex");
        assertThat(memberships.data.get(0).getRole().getSlug()).isEqualTo("organizer");
        assertThat(users.confirmPasswordReset(reset.getPasswordResetToken(), "Gina-new-pass-2!").getUser().getId())
                .isEqualTo(id);
        assertThat(users.getJwks(emulator.clientId()).getKeys().get(0).getKid()).isEqualTo(emulator.currentKeyId());
    }

    @Test
    @DisplayName("parses a user without names, with a locale")
    void userWithoutNames() {
        emulator.locale("user_frank", "de-DE");

        User frank = users.get("user_frank");
        AuthenticateResponse signedIn = users.authenticateWithPassword("frank@noname.test", PASSWORD);

        assertThat(frank.getFirstName()).isNull();
        assertThat(frank.getLastName()).isNull();
        assertThat(frank.getLocale()).isEqualTo("de-DE");
        assertThat(signedIn.getUser().getLastSignInAt()).isNotNull();
    }

    @Test
    @DisplayName("reports email_verification_required, resends the code and authenticates with it")
    void emailVerification() throws Exception {
        String id = emulator.addUnverifiedUser("vera@sdk.test", PASSWORD, null, null);
        emulator.addMembership(id, "org_acme", "viewer");
        WorkOSException required = catchThrowableOfType(WorkOSException.class,
                () -> users.authenticateWithPassword("vera@sdk.test", PASSWORD));
        String pending = EmulatorClient.MAPPER.readTree(required.rawBody).path("pending_authentication_token").asText();

        assertThat(users.sendVerificationEmail(id).getUser().getId()).isEqualTo(id);
        AuthenticateResponse verified = users.authenticateWithEmailVerification(
                emulator.latestEmailVerificationCode("vera@sdk.test"), pending);

        assertThat(required.status).isEqualTo(403);
        assertThat(required.code).isEqualTo("email_verification_required");
        assertThat(verified.getUser().getEmailVerified()).isTrue();
    }

    @Test
    @DisplayName("enrolls and lists TOTP factors, challenges one, and authenticates with mfa-totp")
    void totp() throws Exception {
        emulator.mfaRequired(true);
        try {
            String id = emulator.addUser("mo@sdk.test", PASSWORD, "Mo", "Sdk");
            WorkOSException enrollment = catchThrowableOfType(WorkOSException.class,
                    () -> users.authenticateWithPassword("mo@sdk.test", PASSWORD));
            String pending = EmulatorClient.MAPPER.readTree(enrollment.rawBody).path("pending_authentication_token")
                    .asText();
            MultiFactorAuth mfa = workos.getMultiFactorAuth();

            UserAuthenticationFactorEnrollResponse enrolled = mfa.createUserAuthFactor(id, "totp", "TES", null);
            AuthenticationChallenge challenge = mfa.challengeFactor(enrolled.getAuthenticationFactor().getId());
            AuthenticateResponse signedIn = users.authenticateWithTotp(
                    Totp.code(enrolled.getAuthenticationFactor().getTotp().getSecret(), emulator.now()), pending,
                    challenge.getId());

            assertThat(enrollment.code).isEqualTo("mfa_enrollment");
            assertThat(enrolled.getAuthenticationFactor().getTotp().getUri()).startsWith("otpauth://totp/TES:");
            assertThat(enrolled.getAuthenticationChallenge().getAuthenticationFactorId())
                    .isEqualTo(enrolled.getAuthenticationFactor().getId());
            assertThat(mfa.listUserAuthFactors(id).data).extracting(AuthenticationFactor::getId)
                    .containsExactly(enrolled.getAuthenticationFactor().getId());
            assertThat(signedIn.getUser().getId()).isEqualTo(id);
        } finally {
            emulator.mfaRequired(false);
        }
    }

    @Test
    @DisplayName("maps the emulator's 401, 404, 422, 429 and 5xx answers to the SDK's exceptions")
    void errors() {
        UnprocessableEntityException taken = catchThrowableOfType(UnprocessableEntityException.class,
                () -> users.create(new CreateUserPassword.Plaintext("Other-pass-1!"), "alice@acme.test", "A", "B"));
        assertThat(taken.errors).extracting(error -> error.code).contains("email_not_available");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> users.get("user_nobody")).status)
                .isEqualTo(404);
        assertThat(catchThrowableOfType(UnauthorizedException.class,
                () -> sdk("sk_wrong").getUserManagement().get("user_alice")).status).isEqualTo(401);

        emulator.faults().set(Endpoint.GET_USER, Fault.rateLimited(4).times(1));
        assertThat(catchThrowableOfType(RateLimitException.class, () -> users.get("user_alice")).retryAfterSeconds)
                .isEqualTo(4L);
        emulator.faults().set(Endpoint.GET_USER, Fault.status(503).times(1));
        assertThat(catchThrowableOfType(GenericServerException.class, () -> users.get("user_alice")).status)
                .isEqualTo(503);
    }

    @Test
    @DisplayName("parses the lifecycle answers: memberships created and changed, users updated, organizations")
    void lifecycle() {
        String id = emulator.addUser("lena@sdk.test", PASSWORD, "Lena", "Sdk");
        emulator.addOrganization("org_sdk", "Sdk Org");
        OrganizationMembershipService memberships = workos.getOrganizationMembership();

        OrganizationMembership created = memberships.create(new CreateUserRole.Single("viewer"), id, "org_sdk");
        OrganizationMembership changed = memberships.update(created.getId(), new CreateUserRole.Single("organizer"));
        memberships.delete(created.getId());
        User updated = users.update(id, null, null, "Lena", "Renamed");
        Organization renamed = workos.getOrganizations().update("org_sdk", "Sdk Org Two", null, null, null, null);
        Organization read = workos.getOrganizations().get("org_sdk");
        workos.getOrganizations().delete("org_sdk");
        users.delete(id);

        assertThat(created.getOrganizationId()).isEqualTo("org_sdk");
        assertThat(created.getUserId()).isEqualTo(id);
        assertThat(changed.getRole().getSlug()).isEqualTo("organizer");
        assertThat(updated.getLastName()).isEqualTo("Renamed");
        assertThat(renamed.getName()).isEqualTo("Sdk Org Two");
        assertThat(read.getName()).isEqualTo("Sdk Org Two");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> users.get(id)).status).isEqualTo(404);
    }

    /**
     * SDK 7.2.0's {@code Events.list} cannot read any page (it resolves each event's type to a typed class that is not
     * an {@code EventSchema}), so the page is read over the wire and each event is parsed by the SDK's webhook reader,
     * which maps it to its strict typed model ({@code UserUpdated}, {@code OrganizationMembershipDeleted}, ...).
     */
    @Test
    @DisplayName("parses every lifecycle event into its typed model, and verifies the webhook signature")
    void events() throws Exception {
        String id = emulator.addUser("ella@sdk.test", PASSWORD, "Ella", "Sdk");
        emulator.addOrganization("org_ella", "Ella Org");
        emulator.addMembership(id, "org_ella", "viewer");
        emulator.changeMembershipRole(id, "org_ella", "organizer");
        emulator.changeNames(id, "Ella", "Two");
        emulator.renameOrganization("org_ella", "Ella Org Two");
        emulator.removeMembership(id, "org_ella");
        emulator.deleteOrganization("org_ella");
        emulator.deleteUser(id);
        List<String> types = List.of("organization_membership.created", "organization_membership.updated",
                "user.updated", "organization.updated", "organization_membership.deleted", "organization.deleted",
                "user.deleted");

        List<WorkOSEvent> parsed = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode event : wire.get("/events?limit=100", emulator.apiKey()).json()
                .path("data")) {
            String body = EmulatorClient.MAPPER.writeValueAsString(event);
            String header = WorkOsEmulator.webhookSignature("whsec_sdk", System.currentTimeMillis(),
                    body.getBytes(StandardCharsets.UTF_8));
            parsed.add(new Webhook().constructTypedEvent(body, header, "whsec_sdk"));
        }
        List<WorkOSEvent> mine = parsed.subList(parsed.size() - types.size(), parsed.size());

        assertThat(mine).extracting(WorkOSEvent::getEvent).containsExactlyElementsOf(types);
        assertThat(mine.get(0)).isInstanceOf(OrganizationMembershipCreated.class);
        assertThat(((OrganizationMembershipUpdated) mine.get(1)).getData().getRole().getSlug()).isEqualTo("organizer");
        assertThat(((UserUpdated) mine.get(2)).getData().getLastName()).isEqualTo("Two");
        assertThat(((OrganizationUpdated) mine.get(3)).getData().getName()).isEqualTo("Ella Org Two");
        assertThat(((OrganizationMembershipDeleted) mine.get(4)).getData().getUserId()).isEqualTo(id);
        assertThat(((OrganizationDeleted) mine.get(5)).getData().getId()).isEqualTo("org_ella");
        assertThat(((UserDeleted) mine.get(6)).getData().getId()).isEqualTo(id);

        String body = "{\"id\":\"event_x\",\"event\":\"user.updated\",\"data\":{}}";
        String header = WorkOsEmulator.webhookSignature("whsec_sdk", System.currentTimeMillis(),
                body.getBytes(StandardCharsets.UTF_8));
        new Webhook().verifyHeader(body, header, "whsec_sdk", 180_000L);
        assertThat(catchThrowableOfType(SignatureException.class,
                () -> new Webhook().verifyHeader(body, header, "whsec_other", 180_000L))).isNotNull();
    }
}
