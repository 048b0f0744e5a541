package io.tes.keycloak.workos.reset;

import io.tes.keycloak.workos.connection.WorkOsStepConfig;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;

/**
 * "Forgot password?": WorkOS creates the reset and mails the link. An unknown email, an address WorkOS rejects and
 * WorkOS's per-email rate limit all end on the same "check your email" message as a real reset, so the page never
 * tells whether an account exists; only an outage (which says nothing about the account) asks to try again. Requests
 * are throttled per email and client address before WorkOS is asked; a refused one gets the same message.
 */
final class WorkOsResetRequest implements Authenticator {

    static final String EMAIL_SENT = "workosResetEmailSent";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(context.form().createPasswordReset());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String email = context.getHttpRequest().getDecodedFormParameters().getFirst(AuthenticationManager.FORM_USERNAME);
        if (email == null || email.isBlank()) {
            context.challenge(context.form().addError(new FormMessage(AuthenticationManager.FORM_USERNAME,
                    Messages.MISSING_USERNAME)).createPasswordReset());
            return;
        }
        email = email.trim();
        EventBuilder sent = context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                .detail(Details.USERNAME, email).detail(Details.EMAIL, email);
        ResetFailure failure = PasswordResets.request(context.getSession(),
                WorkOsStepConfig.of(context.getAuthenticatorConfig()).identityProvider(), email, sent);
        if (failure == null) {
            context.forkWithSuccessMessage(new FormMessage(EMAIL_SENT));
            return;
        }
        if (failure.retryable()) {
            context.challenge(context.form().setError(failure.messageKey()).createPasswordReset());
            return;
        }
        context.forkWithSuccessMessage(new FormMessage(EMAIL_SENT));
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
