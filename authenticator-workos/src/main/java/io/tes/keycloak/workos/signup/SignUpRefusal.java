package io.tes.keycloak.workos.signup;

import java.util.List;
import java.util.Locale;

import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import org.keycloak.authentication.forms.RegistrationPage;
import org.keycloak.events.Errors;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;

/**
 * Why WorkOS would not create a user, as the registration form shows it: a field error for a taken or invalid
 * email and a weak password, a form-wide message otherwise; with the event error and the stable code.
 */
record SignUpRefusal(String code, String eventError, FormMessage message) {

    static final String EMAIL_NOT_AVAILABLE = "workos_email_not_available";
    static final String EMAIL_INVALID = "workos_email_invalid";
    static final String PASSWORD_TOO_WEAK = "workos_password_too_weak";

    static SignUpRefusal emailTaken() {
        return new SignUpRefusal(EMAIL_NOT_AVAILABLE, Errors.EMAIL_IN_USE,
                new FormMessage(RegistrationPage.FIELD_EMAIL, Messages.EMAIL_EXISTS));
    }

    static SignUpRefusal of(WorkOsException e) {
        List<String> fields = e.fieldErrors();
        if (e.error() == WorkOsError.VALIDATION_FAILED || e.status() == 422) {
            if (fields.contains("email_not_available")) {
                return emailTaken();
            }
            if (fields.stream().anyMatch(code -> code.startsWith("email"))) {
                return new SignUpRefusal(EMAIL_INVALID, Errors.INVALID_REGISTRATION,
                        new FormMessage(RegistrationPage.FIELD_EMAIL, Messages.INVALID_EMAIL));
            }
            if (fields.stream().anyMatch(SignUpRefusal::aboutPassword)) {
                return weakPassword();
            }
            return new SignUpRefusal(e.error().code(), Errors.INVALID_REGISTRATION,
                    new FormMessage(null, "workosSignUpRefused"));
        }
        switch (e.error()) {
            case UNAUTHORIZED:
                return new SignUpRefusal(e.error().code(), Errors.INVALID_CONFIG, new FormMessage(null,
                        "workosMisconfigured"));
            case RATE_LIMITED:
                return new SignUpRefusal(e.error().code(), Errors.IDENTITY_PROVIDER_ERROR,
                        new FormMessage(null, "workosSignUpRateLimited"));
            default:
                return new SignUpRefusal(e.error().code(), Errors.IDENTITY_PROVIDER_ERROR,
                        new FormMessage(null, "workosSignUpUnavailable"));
        }
    }

    static SignUpRefusal weakPassword() {
        return new SignUpRefusal(PASSWORD_TOO_WEAK, Errors.INVALID_REGISTRATION,
                new FormMessage(RegistrationPage.FIELD_PASSWORD, "workosPasswordTooWeak"));
    }

    /** WorkOS names a weak password {@code password_strength_error} or {@code password_too_weak}. */
    static boolean aboutPassword(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        return lower.startsWith("password") && !lower.contains("token");
    }
}
