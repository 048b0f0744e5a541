package io.tes.keycloak.workos.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ResetFailure")
class ResetFailureTest {

    @Nested
    @DisplayName("Given WorkOS error codes")
    class Codes {

        @Test
        @DisplayName("Given password codes then they mean a weak password, token codes never do")
        void passwordCodes() {
            assertThat(ResetFailure.aboutPassword("password_strength_error")).isTrue();
            assertThat(ResetFailure.aboutPassword("password_too_weak")).isTrue();
            assertThat(ResetFailure.aboutPassword("password_reset_token_not_found")).isFalse();
            assertThat(ResetFailure.aboutPassword("password_reset_error")).isFalse();
        }
    }

    @Nested
    @DisplayName("Given a request refused before WorkOS")
    class RefusedBeforeWorkOs {

        @Test
        @DisplayName("Given too many requests then the answer is the usual 'if an account exists', the event says why")
        void throttledLooksSent() {
            ResetFailure failure = ResetFailure.of(WorkOsFailure.tooManyAttempts("email"));

            assertThat(failure.kind()).isEqualTo(ResetFailure.Kind.SAME_AS_SENT);
            assertThat(failure.code()).isEqualTo("workos_too_many_attempts");
            assertThat(failure.failure().eventError()).isEqualTo("user_temporarily_disabled");
        }

        @Test
        @DisplayName("Given no WorkOS connection then the form asks to try again")
        void notConfiguredTriesAgain() {
            assertThat(ResetFailure.of(WorkOsFailure.notConfigured()).retryable()).isTrue();
        }
    }
}
