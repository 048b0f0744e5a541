package io.tes.keycloak.workos.signin;

import static io.tes.keycloak.workos.signin.EmulatedWorkOs.ALICE;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.BOB;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.NOBODY;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.PASSWORD;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.assertSignedInTo;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsExceptions;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.EmulatedWorkOs.RecordingVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;

@DisplayName("The WorkOS sign-in sequence against the WorkOS emulator")
class WorkOsSignInTest {

    private static EmulatedWorkOs workos;

    private final RecordingVerifier verifier = new RecordingVerifier();
    private final List<Authentication> verified = verifier.verified;
    private final WorkOsSignIn signIn = new WorkOsSignIn(workos.client, verifier);

    @BeforeAll
    static void start() {
        workos = EmulatedWorkOs.start();
    }

    @AfterAll
    static void stop() throws Exception {
        workos.close();
    }

    private SignInResult signIn(String email, SignInRequest request) throws WorkOsFailure {
        return signIn.signIn(request, workos.password(email, PASSWORD));
    }

    private WorkOsFailure failure(String email, SignInRequest request) {
        return catchThrowableOfType(WorkOsFailure.class, () -> signIn(email, request));
    }

    @Nested
    @DisplayName("Given a user WorkOS signs straight in")
    class Direct {

        @Test
        @DisplayName("when the user has one organization then it is the session's, as SINGLE, token verified")
        void single() throws Exception {
            SignInResult result = signIn(ALICE, request(null, null, null, true));

            assertSignedInTo(result, "org_acme", null, SelectionReason.SINGLE);
            assertThat(result.user().email()).isEqualTo(ALICE);
            assertThat(verified).hasSize(1);
        }

        @Test
        @DisplayName("when the client pins that organization then it is the session's, as CLIENT")
        void pinMatches() throws Exception {
            assertSignedInTo(signIn(ALICE, request("org_acme", "org_globex", null, false)), "org_acme", null,
                    SelectionReason.CLIENT);
        }

        @Test
        @DisplayName("when the client pins another organization then workos_organization_not_allowed, no token check")
        void pinDiffers() {
            WorkOsFailure failure = failure(ALICE, request("org_globex", null, null, true));

            assertThat(failure.code()).isEqualTo(WorkOsFailure.ORGANIZATION_NOT_ALLOWED);
            assertThat(failure.flowError()).isEqualTo(AuthenticationFlowError.ACCESS_DENIED);
            assertThat(verified).isEmpty();
        }

        @Test
        @DisplayName("when the user has no organization then signed in without one, the token still verified")
        void noOrganization() throws Exception {
            SignInResult result = signIn(NOBODY, request(null, "org_acme", "org_acme", true));

            assertThat(result.organization()).isNull();
            assertThat(result.reason()).isNull();
            assertThat(result.claims()).isNotNull();
            assertThat(result.user().email()).isEqualTo(NOBODY);
            assertThat(verified).hasSize(1);
        }

        @Test
        @DisplayName("when the user has no organization but the client pins one then not allowed")
        void noOrganizationButPinned() {
            assertThat(failure(NOBODY, request("org_acme", null, null, true)).code())
                    .isEqualTo(WorkOsFailure.ORGANIZATION_NOT_ALLOWED);
        }
    }

    @Nested
    @DisplayName("Given WorkOS answers organization_selection_required")
    class Selection {

        @Test
        @DisplayName("when the client pins a membership then the selection completes there, as CLIENT, with its name")
        void pinned() throws Exception {
            SignInResult result = signIn(BOB, request("org_globex", "org_acme", "org_acme", true));

            assertSignedInTo(result, "org_globex", "Globex Logistics", SelectionReason.CLIENT);
            assertThat(verified).extracting(Authentication::organizationId).containsExactly("org_globex");
        }

        @Test
        @DisplayName("when the request hints at a membership then it completes there, as HINT")
        void hinted() throws Exception {
            assertSignedInTo(signIn(BOB, request(null, "org_acme", "org_globex", false)), "org_acme",
                    "Acme Recycling", SelectionReason.HINT);
        }

        @Test
        @DisplayName("when only the default decides then it completes there, as DEFAULT")
        void byDefault() throws Exception {
            assertSignedInTo(signIn(BOB, request(null, "org_initech", "org_globex", false)), "org_globex",
                    "Globex Logistics", SelectionReason.DEFAULT);
        }

        @Test
        @DisplayName("when the client pins an organization the user is not in then refused, even with a hand-over")
        void refusedPin() {
            WorkOsFailure failure = failure(BOB, request("org_initech", null, null, true));

            assertThat(failure.code()).isEqualTo(WorkOsFailure.ORGANIZATION_NOT_ALLOWED);
            assertThat(verified).isEmpty();
        }

        @Test
        @DisplayName("when nothing decides and a selection step follows then handed over: organizations, user, token")
        void handedOver() throws Exception {
            SignInResult result = signIn(BOB, request(null, "org_initech", null, true));

            assertThat(result.handedOver()).isTrue();
            assertThat(result.authentication()).isNull();
            HandOver handOver = result.handOver();
            assertThat(handOver.kind()).isEqualTo(HandOver.Kind.ORGANIZATION_SELECTION);
            assertThat(handOver.organizations()).containsExactly(Organization.of("org_acme", "Acme Recycling"),
                    Organization.of("org_globex", "Globex Logistics"));
            assertThat(result.user().email()).isEqualTo(BOB);
            assertThat(handOver.pendingToken()).isNotBlank();
            assertThat(handOver.toString()).doesNotContain(handOver.pendingToken());
            assertThat(verified).isEmpty();
        }

        @Test
        @DisplayName("when nothing decides and no step follows then workos_organization_selection_unavailable")
        void undecidedWithoutHandOver() {
            WorkOsFailure failure = failure(BOB, request(null, null, null, false));

            assertThat(failure.code()).isEqualTo(WorkOsFailure.ORGANIZATION_SELECTION_UNAVAILABLE);
            assertThat(failure.flowError()).isEqualTo(AuthenticationFlowError.ACCESS_DENIED);
        }
    }

    @Nested
    @DisplayName("Given a failure")
    class Failures {

        @Test
        @DisplayName("when the password is wrong then invalid credentials, with WorkOS's error as the cause")
        void wrongPassword() {
            WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class,
                    () -> signIn.signIn(request(null, null, null, true), workos.password(ALICE, "Wrong-pass-9!")));

            assertThat(failure.code()).isEqualTo("workos_invalid_credentials");
            assertThat(failure.eventError()).isEqualTo(Errors.INVALID_USER_CREDENTIALS);
            assertThat(failure.messageKey()).isEqualTo("invalidUserMessage");
            assertThat(failure.flowError()).isEqualTo(AuthenticationFlowError.INVALID_CREDENTIALS);
            assertThat(failure.retryable()).isTrue();
            assertThat(failure).hasCauseInstanceOf(WorkOsException.class);
        }

        @Test
        @DisplayName("when the access token does not verify then the sign-in fails with the verifier's error")
        void tokenRejected() {
            WorkOsSignIn rejecting = new WorkOsSignIn(workos.client, authentication -> {
                throw WorkOsExceptions.of(WorkOsError.INVALID_TOKEN);
            });

            WorkOsFailure direct = catchThrowableOfType(WorkOsFailure.class,
                    () -> rejecting.signIn(request(null, null, null, true), workos.password(ALICE, PASSWORD)));
            WorkOsFailure completed = catchThrowableOfType(WorkOsFailure.class,
                    () -> rejecting.signIn(request("org_acme", null, null, true), workos.password(BOB, PASSWORD)));

            assertThat(direct.code()).isEqualTo("workos_invalid_token");
            assertThat(completed.code()).isEqualTo("workos_invalid_token");
            assertThat(completed.flowError()).isEqualTo(AuthenticationFlowError.IDENTITY_PROVIDER_ERROR);
        }
    }
}
