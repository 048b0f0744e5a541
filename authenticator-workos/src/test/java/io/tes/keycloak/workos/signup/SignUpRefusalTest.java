package io.tes.keycloak.workos.signup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SignUpRefusal")
class SignUpRefusalTest {

    @Nested
    @DisplayName("Given a sign-up refused before WorkOS for too many attempts")
    class Throttled {

        @Test
        @DisplayName("Given the address over its limit then a form-wide 'too many sign-ups', the event says why")
        void byAddress() {
            SignUpRefusal refusal = SignUpRefusal.of(WorkOsFailure.tooManyAttempts("address"));

            assertThat(refusal.message().getField()).isEqualTo("global");
            assertThat(refusal.message().getMessage()).isEqualTo("workosSignUpRateLimited");
            assertThat(refusal.failure().eventError()).isEqualTo("user_temporarily_disabled");
            assertThat(refusal.failure().code()).isEqualTo("workos_too_many_attempts");
        }

        @Test
        @DisplayName("Given the email locked (the recovery's password) then the answer a wrong password gets")
        void byEmail() {
            SignUpRefusal refusal = SignUpRefusal.of(WorkOsFailure.tooManyAttempts("email"));

            assertThat(refusal.message().getField()).isEqualTo("email");
            assertThat(refusal.message().getMessage()).isEqualTo(SignUpRefusal.emailTaken().message().getMessage());
            assertThat(refusal.failure().code()).isEqualTo("workos_too_many_attempts");
        }
    }
}
