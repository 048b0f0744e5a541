package io.tes.keycloak.workos.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.organization.testing.RecordedEvent;
import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsExceptions;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

@DisplayName("WorkOsFailure")
class WorkOsFailureTest {

    /** What the JAX-RS response builder was given (no JAX-RS implementation is on the test classpath). */
    private static final List<Object> BUILT = new ArrayList<>();

    @BeforeAll
    static void recordResponses() {
        Response.ResponseBuilder builder = mock(Response.ResponseBuilder.class, RETURNS_SELF);
        doAnswer(call -> {
            BUILT.add(call.getArgument(0));
            return builder;
        }).when(builder).status(anyInt());
        doAnswer(call -> {
            BUILT.add(call.getArgument(0));
            return builder;
        }).when(builder).entity(any());
        doAnswer(call -> {
            BUILT.add(call.getArgument(0));
            return builder;
        }).when(builder).type(any(MediaType.class));
        RuntimeDelegate delegate = mock(RuntimeDelegate.class);
        when(delegate.createResponseBuilder()).thenReturn(builder);
        RuntimeDelegate.setInstance(delegate);
    }

    @AfterAll
    static void forgetDelegate() {
        RuntimeDelegate.setInstance(null);
    }

    /** The OAuth2 answer's status, error and description, as the response builder got them. */
    private static List<Object> oauth(WorkOsFailure failure) {
        BUILT.clear();
        failure.oauthResponse();
        assertThat(BUILT).hasSize(3);
        OAuth2ErrorRepresentation body = (OAuth2ErrorRepresentation) BUILT.get(1);
        assertThat(BUILT.get(2)).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        return List.of(BUILT.get(0), body.getError(), body.getErrorDescription());
    }

    @Nested
    @DisplayName("Given a WorkOS error")
    class FromWorkOs {

        @ParameterizedTest(name = "{0} -> {1}, {2}, {3}, {4} {5}")
        @DisplayName("then the errors the user can act on map to their event error, message, flow error and OAuth2")
        @CsvSource(textBlock = """
            INVALID_CREDENTIALS,invalid_user_credentials,invalidUserMessage,INVALID_CREDENTIALS,401,invalid_grant
            ONE_TIME_CODE_INVALID,invalid_user_credentials,workosCodeInvalid,INVALID_CREDENTIALS,400,invalid_grant
            PENDING_AUTHENTICATION_EXPIRED,expired_code,workosSecondStepExpired,EXPIRED_CODE,400,invalid_grant
            EMAIL_VERIFICATION_REQUIRED,access_denied,workosEmailVerificationRequired,ACCESS_DENIED,400,invalid_grant
            MFA_REQUIRED,access_denied,workosMfaRequired,ACCESS_DENIED,400,invalid_grant
            SSO_REQUIRED,access_denied,workosSsoRequired,ACCESS_DENIED,400,invalid_grant
            ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED,access_denied,workosSsoRequired,ACCESS_DENIED,400,invalid_grant
            RATE_LIMITED,identity_provider_error,workosRateLimited,IDENTITY_PROVIDER_ERROR,503,temporarily_unavailable
            UNAUTHORIZED,invalid_config,workosMisconfigured,IDENTITY_PROVIDER_ERROR,503,temporarily_unavailable
            """)
        void mapping(WorkOsError error, String eventError, String messageKey, AuthenticationFlowError flowError,
                int status, String oauthError) {
            assertMapped(error, eventError, messageKey, flowError, status, oauthError);
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("then every other WorkOS error reads as WorkOS unavailable: 503, temporarily_unavailable")
        @EnumSource(mode = EnumSource.Mode.EXCLUDE, names = {"INVALID_CREDENTIALS", "ONE_TIME_CODE_INVALID",
            "PENDING_AUTHENTICATION_EXPIRED", "EMAIL_VERIFICATION_REQUIRED",
            "MFA_REQUIRED", "SSO_REQUIRED", "ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED", "RATE_LIMITED",
            "UNAUTHORIZED"})
        void unavailable(WorkOsError error) {
            assertMapped(error, "identity_provider_error", "workosUnavailable",
                    AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable");
        }

        private void assertMapped(WorkOsError error, String eventError, String messageKey,
                AuthenticationFlowError flowError, int status, String oauthError) {
            WorkOsException cause = WorkOsExceptions.of(error);

            WorkOsFailure failure = WorkOsFailure.of(cause);

            assertThat(failure.code()).isEqualTo(error.code()).startsWith("workos_");
            assertThat(failure.eventError()).isEqualTo(eventError);
            assertThat(failure.messageKey()).isEqualTo(messageKey);
            assertThat(failure.flowError()).isEqualTo(flowError);
            assertThat(failure.getCause()).isSameAs(cause);
            assertThat(failure.ssoConnection()).isNull();
            assertThat(oauth(failure)).containsExactly(status, oauthError, error.code());
        }

        @Test
        @DisplayName("when SSO is required then the failure names the first connection to sign in with")
        void ssoConnection() {
            assertThat(WorkOsFailure.of(WorkOsExceptions.ssoRequired("conn_acme", "conn_other")).ssoConnection())
                    .isEqualTo("conn_acme");
            assertThat(WorkOsFailure.of(WorkOsExceptions.ssoRequired()).ssoConnection()).isNull();
        }

        @Test
        @DisplayName("then only wrong credentials and WorkOS being away let the user retry on the same form")
        void retryable() {
            assertThat(WorkOsFailure.of(WorkOsExceptions.of(WorkOsError.INVALID_CREDENTIALS)).retryable()).isTrue();
            assertThat(WorkOsFailure.of(WorkOsExceptions.of(WorkOsError.TIMEOUT)).retryable()).isTrue();
            assertThat(WorkOsFailure.of(WorkOsExceptions.of(WorkOsError.MFA_REQUIRED)).retryable()).isFalse();
            assertThat(WorkOsFailure.organizationNotAllowed().retryable()).isFalse();
        }
    }

    @Nested
    @DisplayName("Given a refusal of the pack's own")
    class Refusals {

        @Test
        @DisplayName("then each has its code, event error, message, flow error and OAuth2 answer, and no cause")
        void ownFailures() {
            assertOwn(WorkOsFailure.organizationNotAllowed(), "workos_organization_not_allowed", "access_denied",
                    "workosOrganizationNotAllowed", AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant");
            assertOwn(WorkOsFailure.organizationSelectionUnavailable(), "workos_organization_selection_unavailable",
                    "access_denied", "workosOrganizationSelectionUnavailable", AuthenticationFlowError.ACCESS_DENIED,
                    400, "invalid_grant");
            assertOwn(WorkOsFailure.accountConflict(), "workos_account_conflict", "federated_identity_account_exists",
                    "workosAccountConflict", AuthenticationFlowError.USER_CONFLICT, 400, "invalid_grant");
            assertOwn(WorkOsFailure.notConfigured(), "workos_not_configured", "invalid_config", "workosMisconfigured",
                    AuthenticationFlowError.IDENTITY_PROVIDER_NOT_FOUND, 503, "temporarily_unavailable");
            assertOwn(WorkOsFailure.signUpCaptchaMisordered(), "workos_signup_captcha_misordered", "invalid_config",
                    "workosSignUpCaptchaMisordered", AuthenticationFlowError.INTERNAL_ERROR, 503,
                    "temporarily_unavailable");
            assertOwn(WorkOsFailure.refused("workos_signup_off", "registration_disabled", "registrationNotAllowed"),
                    "workos_signup_off", "registration_disabled", "registrationNotAllowed",
                    AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_request");
        }

        @Test
        @DisplayName("when too many attempts then it answers as Keycloak does for a locked user, and says which count")
        void tooManyAttempts() {
            WorkOsFailure failure = WorkOsFailure.tooManyAttempts("email");
            RecordedEvent event = new RecordedEvent();

            failure.report(event.builder);

            assertThat(failure.code()).isEqualTo("workos_too_many_attempts");
            assertThat(failure.messageKey()).isEqualTo("accountTemporarilyDisabledMessage");
            assertThat(failure.flowError()).isEqualTo(AuthenticationFlowError.USER_TEMPORARILY_DISABLED);
            assertThat(failure.throttled()).isEqualTo("email");
            assertThat(failure.retryable()).isFalse();
            assertThat(oauth(failure)).containsExactly(400, "invalid_grant", "Invalid user credentials");
            assertThat(event.details).containsEntry("workos_error", "workos_too_many_attempts")
                    .containsEntry("workos_throttled", "email");
            assertThat(event.errors).containsExactly("user_temporarily_disabled");
            assertThat(WorkOsFailure.accountConflict().throttled()).isNull();
        }

        private void assertOwn(WorkOsFailure failure, String code, String eventError, String messageKey,
                AuthenticationFlowError flowError, int status, String oauthError) {
            assertThat(failure.code()).isEqualTo(code);
            assertThat(failure.getMessage()).isEqualTo(code);
            assertThat(failure.eventError()).isEqualTo(eventError);
            assertThat(failure.messageKey()).isEqualTo(messageKey);
            assertThat(failure.flowError()).isEqualTo(flowError);
            assertThat(failure.getCause()).isNull();
            assertThat(oauth(failure)).containsExactly(status, oauthError, code);
        }
    }

    @Nested
    @DisplayName("Given an event")
    class Reporting {

        @Test
        @DisplayName("when reported then the workos_error detail is set first, then the Keycloak error")
        void report() {
            RecordedEvent event = new RecordedEvent();

            WorkOsFailure.of(WorkOsExceptions.of(WorkOsError.RATE_LIMITED)).report(event.builder);

            assertThat(event.calls).containsExactly("detail:workos_error", "error:identity_provider_error");
            assertThat(event.details).containsEntry(WorkOsEventDetails.WORKOS_ERROR, "workos_rate_limited");
        }

        @Test
        @DisplayName("when only described then the detail is set and no error is recorded")
        void describe() {
            RecordedEvent event = new RecordedEvent();

            assertThat(WorkOsFailure.accountConflict().describe(event.builder)).isSameAs(event.builder);

            assertThat(event.details).containsOnly(
                    org.assertj.core.api.Assertions.entry("workos_error", "workos_account_conflict"));
            assertThat(event.errors).isEmpty();
        }
    }
}
