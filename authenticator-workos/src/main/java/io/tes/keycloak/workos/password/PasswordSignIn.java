package io.tes.keycloak.workos.password;

import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.SessionSignIn;
import io.tes.keycloak.workos.signin.SignInResult;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.models.UserModel;

/** Email + password checked by WorkOS, shared by the login form and the direct grant. */
final class PasswordSignIn {

    private PasswordSignIn() {
    }

    /**
     * Signs in at WorkOS (throttled: see {@code SessionSignIn.signInWithPassword}) and returns the linked Keycloak
     * user; nothing is created or linked on failure.
     */
    static UserModel run(AuthenticationFlowContext context, String email, String password, String organizationHint,
            boolean handOverAllowed) throws WorkOsFailure {
        context.getEvent().detail(Details.USERNAME, email);
        WorkOsPasswordConfig config = WorkOsPasswordConfig.of(context.getAuthenticatorConfig());
        WorkOsConnection connection = WorkOsConnection.open(context.getSession(), config.identityProvider());
        SessionSignIn signIn = SessionSignIn.of(context.getSession(), connection, context.getAuthenticationSession(),
                context.getEvent());
        SignInResult result;
        try {
            result = signIn.signInWithPassword(email, password, organizationHint,
                    config.defaultOrganization(connection.config()), handOverAllowed);
        } catch (WorkOsFailure failure) {
            if (failure.flowError() == AuthenticationFlowError.INVALID_CREDENTIALS) {
                // Counts the failure against the Keycloak account of that email in the brute-force detector.
                context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME,
                        email);
            }
            throw failure;
        }
        UserModel user = LinkedUsers.upsert(context.getSession(), context.getRealm(), connection.alias(),
                result.user());
        context.getEvent().user(user);
        signIn.keep(result, user, context.getEvent());
        return user;
    }
}
