package io.tes.keycloak.workos.password;

import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The direct-grant (resource owner password) step for headless apps: {@code username} + {@code password} (and an
 * optional {@code organization} hint) checked against WorkOS. Failures answer an OAuth2 JSON error.
 */
final class WorkOsDirectGrant implements Authenticator {

    private static final String INVALID_CREDENTIALS = "Invalid user credentials";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String email = form.getFirst(AuthenticationManager.FORM_USERNAME);
        String password = form.getFirst(CredentialRepresentation.PASSWORD);
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failure(AuthenticationFlowError.INVALID_USER, error(401, "invalid_grant", INVALID_CREDENTIALS));
            return;
        }
        email = email.trim();
        context.getEvent().detail(Details.USERNAME, email);
        UserModel existing = context.getSession().users().getUserByEmail(context.getRealm(), email);
        if (existing != null && !allowed(context, existing)) {
            return;
        }
        try {
            UserModel user = PasswordSignIn.run(context, email, password,
                    form.getFirst(OrganizationRequest.HINT_PARAMETER), false, false);
            context.setUser(user);
            context.success();
        } catch (WorkOsFailure failure) {
            failure.report(context.getEvent());
            if (failure.throttled() != null) {
                // A lockout is answered, not counted, as Keycloak answers a user it has locked.
                context.forceChallenge(failure.oauthResponse());
            } else {
                context.failure(failure.flowError(), failure.oauthResponse());
            }
        }
    }

    /**
     * Keycloak's own checks of a known user before any password is tried, as its direct-grant steps make them
     * (ValidateUsername): locked by the brute-force detector, permanently (also an enabled user whose lockouts already
     * exceed the realm's limit) or for now; then disabled. Each is answered like a wrong password.
     * Keycloak says "Account disabled" only to a client that proved the password; here that proof would mean asking
     * WorkOS for an account Keycloak refuses anyway, so a disabled account is never named.
     */
    private static boolean allowed(AuthenticationFlowContext context, UserModel user) {
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        String refusal = lockout != null ? lockout : user.isEnabled() ? null : Errors.USER_DISABLED;
        if (refusal == null) {
            return true;
        }
        context.getEvent().user(user).error(refusal);
        context.forceChallenge(error(400, "invalid_grant", INVALID_CREDENTIALS));
        return false;
    }

    private static Response error(int status, String error, String description) {
        return Response.status(status).entity(new OAuth2ErrorRepresentation(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
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
