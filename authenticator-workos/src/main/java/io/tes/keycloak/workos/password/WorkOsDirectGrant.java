package io.tes.keycloak.workos.password;

import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
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

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String email = form.getFirst(AuthenticationManager.FORM_USERNAME);
        String password = form.getFirst(CredentialRepresentation.PASSWORD);
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failure(AuthenticationFlowError.INVALID_USER,
                    error(401, "invalid_grant", "Invalid user credentials"));
            return;
        }
        UserModel existing = context.getSession().users().getUserByEmail(context.getRealm(), email.trim());
        if (existing != null && !existing.isEnabled()) {
            context.getEvent().user(existing).error(Errors.USER_DISABLED);
            context.failure(AuthenticationFlowError.USER_DISABLED, error(400, "invalid_grant", "Account disabled"));
            return;
        }
        if (existing != null && context.getProtector().isTemporarilyDisabled(context.getSession(), context.getRealm(),
                existing)) {
            context.getEvent().user(existing).error(Errors.USER_TEMPORARILY_DISABLED);
            context.failure(AuthenticationFlowError.INVALID_USER, error(400, "invalid_grant",
                    "Invalid user credentials"));
            return;
        }
        try {
            UserModel user = PasswordSignIn.run(context, email.trim(), password,
                    form.getFirst(OrganizationRequest.HINT_PARAMETER), false);
            context.setUser(user);
            context.success();
        } catch (WorkOsFailure failure) {
            failure.report(context.getEvent());
            context.failure(failure.flowError(), failure.oauthResponse());
        }
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
