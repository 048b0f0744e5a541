package io.tes.keycloak.workos.secondstep;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Shows the WorkOS code page when a step before it left a second step waiting (WorkOS sign-up: the new user's
 * email to verify, or MFA), and passes otherwise. The password form shows the page itself.
 */
final class WorkOsSecondStep implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!SecondStepForm.show(context)) {
            context.success();
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The registration is recorded (REGISTER) and over; what follows is the new user's sign-in.
        context.getEvent().event(EventType.LOGIN);
        if (!SecondStepForm.posted(context)) {
            authenticate(context);
            return;
        }
        SecondStepForm.action(context, user -> {
            context.setUser(user);
            context.success();
        }, failure -> context.failure(failure.flowError(), context.form().setError(failure.messageKey())
                .createErrorPage(Response.Status.BAD_REQUEST)));
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
