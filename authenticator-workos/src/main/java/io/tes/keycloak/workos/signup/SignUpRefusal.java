package io.tes.keycloak.workos.signup;

import java.util.List;
import java.util.Locale;

import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import org.keycloak.authentication.forms.RegistrationPage;
import org.keycloak.events.Errors;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;

/**
 * Why WorkOS would not create a user, as the registration form shows it: the failure (stable code, event error), and
 * a field error for a taken or invalid email and a weak password, a form-wide message otherwise.
 */
public record SignUpRefusal(WorkOsFailure failure, FormMessage message) {

    public static final String EMAIL_NOT_AVAILABLE = "workos_email_not_available";
    public static final String EMAIL_INVALID = "workos_email_invalid";
    public static final String PASSWORD_TOO_WEAK = "workos_password_too_weak";
    static final String RATE_LIMITED_MESSAGE = "workosSignUpRateLimited";

    public static SignUpRefusal emailTaken() {
        return onField(EMAIL_NOT_AVAILABLE, Errors.EMAIL_IN_USE, RegistrationPage.FIELD_EMAIL, Messages.EMAIL_EXISTS);
    }

    public static SignUpRefusal weakPassword() {
        return onField(PASSWORD_TOO_WEAK, Errors.INVALID_REGISTRATION, RegistrationPage.FIELD_PASSWORD,
                "workosPasswordTooWeak");
    }

    /**
     * A failure of the sign-in after the user was created, or of the connection: a form-wide message. A lockout of the
     * address reads as too many sign-ups; one of the email (only the recovery's password counts against it) reads as
     * the taken email a wrong password gets, so it tells nothing more.
     */
    public static SignUpRefusal of(WorkOsFailure failure) {
        if (WorkOsThrottle.BY_EMAIL.equals(failure.throttled())) {
            return new SignUpRefusal(failure, new FormMessage(RegistrationPage.FIELD_EMAIL, Messages.EMAIL_EXISTS));
        }
        if (WorkOsThrottle.BY_ADDRESS.equals(failure.throttled())) {
            return new SignUpRefusal(failure, new FormMessage(null, RATE_LIMITED_MESSAGE));
        }
        return new SignUpRefusal(failure, new FormMessage(null, failure.messageKey()));
    }

    public static SignUpRefusal of(WorkOsException e) {
        List<String> fields = e.fieldErrors();
        if (e.error() == WorkOsError.VALIDATION_FAILED || e.status() == 422) {
            if (fields.contains("email_not_available")) {
                return emailTaken();
            }
            if (fields.stream().anyMatch(code -> code.startsWith("email"))) {
                return onField(EMAIL_INVALID, Errors.INVALID_REGISTRATION, RegistrationPage.FIELD_EMAIL,
                        Messages.INVALID_EMAIL);
            }
            if (fields.stream().anyMatch(SignUpRefusal::aboutPassword)) {
                return weakPassword();
            }
            return formWide(e.error().code(), Errors.INVALID_REGISTRATION, "workosSignUpRefused");
        }
        switch (e.error()) {
            case UNAUTHORIZED:
                return formWide(e.error().code(), Errors.INVALID_CONFIG, "workosMisconfigured");
            case RATE_LIMITED:
                return formWide(e.error().code(), Errors.IDENTITY_PROVIDER_ERROR, RATE_LIMITED_MESSAGE);
            default:
                return formWide(e.error().code(), Errors.IDENTITY_PROVIDER_ERROR, "workosSignUpUnavailable");
        }
    }

    /** WorkOS names a weak password {@code password_strength_error} or {@code password_too_weak}. */
    static boolean aboutPassword(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        return lower.startsWith("password") && !lower.contains("token");
    }

    private static SignUpRefusal onField(String code, String eventError, String field, String messageKey) {
        return new SignUpRefusal(WorkOsFailure.refused(code, eventError, messageKey), new FormMessage(field,
                messageKey));
    }

    private static SignUpRefusal formWide(String code, String eventError, String messageKey) {
        return new SignUpRefusal(WorkOsFailure.refused(code, eventError, messageKey), new FormMessage(null,
                messageKey));
    }
}
