package io.tes.keycloak.workos.password;

import io.tes.keycloak.organization.metrics.TesMetrics;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.secondstep.SecondStepForm;
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
     * user; nothing is created or linked on failure. With {@code secondStepAllowed} (a browser), a second step WorkOS
     * asks for (the emailed code, MFA) is started and its page shown: then null, and no Keycloak user yet.
     */
    static UserModel run(AuthenticationFlowContext context, String email, String password, String organizationHint,
            boolean handOverAllowed, boolean secondStepAllowed) throws WorkOsFailure {
        // The browser form may show a second step; the direct grant never does.
        String path = secondStepAllowed ? "password_form" : "direct_grant";
        try {
            UserModel user = signIn(context, email, password, organizationHint, handOverAllowed, secondStepAllowed);
            TesMetrics.signIn(path, user == null ? "second_step" : "success");
            return user;
        } catch (WorkOsFailure failure) {
            TesMetrics.signIn(path, failure.code());
            throw failure;
        }
    }

    private static UserModel signIn(AuthenticationFlowContext context, String email, String password,
            String organizationHint, boolean handOverAllowed, boolean secondStepAllowed) throws WorkOsFailure {
        context.getEvent().detail(Details.USERNAME, email);
        WorkOsPasswordConfig config = WorkOsPasswordConfig.of(context.getAuthenticatorConfig());
        WorkOsConnection connection = WorkOsConnection.open(context.getSession(), config.identityProvider());
        SessionSignIn signIn = SessionSignIn.of(context.getSession(), connection, context.getAuthenticationSession(),
                context.getEvent());
        SignInResult result;
        try {
            result = signIn.signInWithPassword(email, password, organizationHint,
                    config.defaultOrganization(connection.config()), handOverAllowed, secondStepAllowed);
        } catch (WorkOsFailure failure) {
            if (failure.flowError() == AuthenticationFlowError.INVALID_CREDENTIALS) {
                // Counts the failure against the Keycloak account of that email in the brute-force detector.
                context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME,
                        email);
            }
            throw failure;
        }
        if (result.handedOver() && result.handOver().kind().secondStep()) {
            SecondStepForm.start(context, signIn, result.handOver(), null, handOverAllowed,
                    config.defaultOrganization(connection.config()));
            return null;
        }
        UserModel user = LinkedUsers.upsert(context.getSession(), context.getRealm(), connection.alias(),
                result.user());
        context.getEvent().user(user);
        signIn.keep(result, user, context.getEvent());
        OrganizationMirror.afterSignIn(context.getSession(), connection, user, result);
        return user;
    }
}
