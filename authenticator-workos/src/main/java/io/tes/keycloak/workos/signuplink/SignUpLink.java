package io.tes.keycloak.workos.signuplink;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Redirects a {@code mode=signup} request to the registration page, the URL of the login page's "Register" link. That
 * page does what {@code prompt=create} does in Keycloak's authorization endpoint: it ends the browser's SSO cookie,
 * refuses when the realm does not allow registration, and runs the realm's registration flow.
 */
final class SignUpLink implements Authenticator {

    private static final Logger LOG = Logger.getLogger(SignUpLink.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SignUpRequest request = SignUpRequest.of(context.getAuthenticationSession());
        if (!request.wantsSignUp()) {
            context.success();
            return;
        }
        // Once only: "back to login" on the registration page runs this flow again with the same request.
        request.markFollowed();
        URI registration = registrationPage(context.getRefreshUrl(false));
        LOG.debugf("mode=signup for client %s: to the registration page",
                context.getAuthenticationSession().getClient().getClientId());
        context.challenge(Response.status(Response.Status.FOUND).location(registration).build());
    }

    /**
     * The registration page of this authentication session: the flow's own URL (login-actions/authenticate, with the
     * client, tab and client data Keycloak checks) with its last path segment replaced.
     */
    static URI registrationPage(URI flowUrl) {
        String query = flowUrl.getRawQuery();
        return flowUrl.resolve(LoginActionsService.REGISTRATION_PATH + (query == null ? "" : "?" + query));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
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
