package io.tes.keycloak.workos.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsExceptions;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signup.SignUpRefusal;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SignUpCall")
class SignUpCallTest {

    private static WorkOsException validation(String field) {
        return WorkOsExceptions.validation(field);
    }

    @Nested
    @DisplayName("Given WorkOS's or the throttle's refusal")
    class Refusals {

        @Test
        @DisplayName("Given a taken email then 409 email_in_use on the email field")
        void taken() {
            ApiError error = SignUpCall.refused(SignUpRefusal.of(validation("email_not_available")));

            assertThat(error.status()).isEqualTo(409);
            assertThat(error.error()).isEqualTo("email_in_use");
            assertThat(error.description()).isEqualTo("workos_email_not_available");
            assertThat(error.field()).isEqualTo("email");
        }

        @Test
        @DisplayName("Given a weak password or a bad email then 400 on that field with the stable code")
        void fields() {
            ApiError weak = SignUpCall.refused(SignUpRefusal.of(validation("password_strength_error")));
            ApiError email = SignUpCall.refused(SignUpRefusal.of(validation("email_invalid")));

            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.field()).isEqualTo("password");
            assertThat(weak.description()).isEqualTo("workos_password_too_weak");
            assertThat(email.status()).isEqualTo(400);
            assertThat(email.field()).isEqualTo("email");
            assertThat(email.description()).isEqualTo("workos_email_invalid");
        }

        @Test
        @DisplayName("Given a locked email then it reads as a taken one; a locked address as 429")
        void throttled() {
            ApiError email = SignUpCall.refused(SignUpRefusal.of(WorkOsFailure.tooManyAttempts(
                    WorkOsThrottle.BY_EMAIL)));
            ApiError address = SignUpCall.refused(SignUpRefusal.of(WorkOsFailure.tooManyAttempts(
                    WorkOsThrottle.BY_ADDRESS)));

            assertThat(email.status()).isEqualTo(409);
            assertThat(email.description()).isEqualTo("workos_email_not_available");
            assertThat(address.status()).isEqualTo(429);
            assertThat(address.description()).isEqualTo("workos_too_many_attempts");
        }

        @Test
        @DisplayName("Given WorkOS down or the pack misconfigured then 503 temporarily_unavailable")
        void unavailable() {
            ApiError down = SignUpCall.refused(SignUpRefusal.of(WorkOsExceptions.serverError()));
            ApiError misconfigured = SignUpCall.refused(SignUpRefusal.of(WorkOsFailure.notConfigured()));

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.error()).isEqualTo("temporarily_unavailable");
            assertThat(down.description()).isEqualTo("workos_server_error");
            assertThat(misconfigured.status()).isEqualTo(503);
        }
    }

    @Nested
    @DisplayName("Given the API's fields")
    class Fields {

        @Test
        @DisplayName("Given TES's sign-up body then the registration page's fields, the password its own confirmation")
        void registrationFields() {
            MultivaluedMap<String, String> fields = SignUpCall.registrationFields(ApiBody.json(
                    "{\"email\": \" sam@acme.test \", \"password\": \"Pass-1!\", \"firstName\": \"Sam\"}"));

            assertThat(fields.getFirst("email")).isEqualTo("sam@acme.test");
            assertThat(fields.getFirst("password")).isEqualTo("Pass-1!");
            assertThat(fields.getFirst("password-confirm")).isEqualTo("Pass-1!");
            assertThat(fields.getFirst("firstName")).isEqualTo("Sam");
            assertThat(fields).doesNotContainKey("lastName");
        }

        @Test
        @DisplayName("Given the form's field names then the API's")
        void apiFields() {
            assertThat(SignUpCall.apiField("password-confirm")).isEqualTo("password");
            assertThat(SignUpCall.apiField("username")).isEqualTo("email");
            assertThat(SignUpCall.apiField("firstName")).isEqualTo("firstName");
            assertThat(SignUpCall.apiField(null)).isNull();
        }
    }
}
