package io.tes.keycloak.workos.signup;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.authentication.forms.RegistrationPage;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * The registration form, checked the way Keycloak's own registration actions check it (the realm's user profile,
 * then password and confirmation) before WorkOS is asked anything. Passwords never go back into the form. The TES
 * account API checks its sign-ups through the same path ({@link #read(KeycloakSession, MultivaluedMap)}).
 */
public record SignUpForm(String email, String firstName, String lastName, String password, MultivaluedMap<String, String> kept,
        List<FormMessage> errors, String eventError) {

    static SignUpForm read(ValidationContext context) {
        return read(context.getSession(), context.getHttpRequest().getDecodedFormParameters());
    }

    /**
     * Checks posted fields named as the registration page names them ({@code email}, {@code firstName},
     * {@code lastName}, {@code password}, {@code password-confirm}).
     */
    public static SignUpForm read(KeycloakSession session, MultivaluedMap<String, String> posted) {
        MultivaluedMap<String, String> kept = new MultivaluedHashMap<>(posted);
        kept.remove(RegistrationPage.FIELD_PASSWORD);
        kept.remove(RegistrationPage.FIELD_PASSWORD_CONFIRM);
        kept.remove(RegistrationPage.FIELD_RECAPTCHA_RESPONSE);

        List<FormMessage> errors = new ArrayList<>();
        String eventError = null;
        UserProfile profile = session.getProvider(UserProfileProvider.class)
                .create(UserProfileContext.REGISTRATION, kept);
        try {
            profile.validate();
        } catch (ValidationException invalid) {
            errors.addAll(Validation.getFormErrorsFromValidation(invalid.getErrors()));
            eventError = invalid.hasError(Messages.EMAIL_EXISTS) ? Errors.EMAIL_IN_USE : Errors.INVALID_REGISTRATION;
        }
        String password = posted.getFirst(RegistrationPage.FIELD_PASSWORD);
        if (password == null || password.isBlank()) {
            errors.add(new FormMessage(RegistrationPage.FIELD_PASSWORD, Messages.MISSING_PASSWORD));
        } else if (!password.equals(posted.getFirst(RegistrationPage.FIELD_PASSWORD_CONFIRM))) {
            errors.add(new FormMessage(RegistrationPage.FIELD_PASSWORD_CONFIRM, Messages.INVALID_PASSWORD_CONFIRM));
        }
        if (!errors.isEmpty() && eventError == null) {
            eventError = Errors.INVALID_REGISTRATION;
        }
        String email = profile.getAttributes().getFirst(UserModel.EMAIL);
        return new SignUpForm(email == null ? null : email.trim(), profile.getAttributes().getFirst(UserModel.FIRST_NAME),
                profile.getAttributes().getFirst(UserModel.LAST_NAME), password, kept, List.copyOf(errors), eventError);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
