package io.tes.keycloak.workos.password;

import io.tes.keycloak.workos.broker.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.SessionNotes;
import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsConnections;
import io.tes.keycloak.workos.signin.WorkOsEventDetails;
import io.tes.keycloak.workos.signin.WorkOsSignIn;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** Email + password checked by WorkOS, shared by the login form and the direct grant. */
final class PasswordSignIn {

    private PasswordSignIn() {
    }

    /** Signs in at WorkOS and returns the linked Keycloak user; nothing is created or linked on failure. */
    static UserModel run(AuthenticationFlowContext context, String email, String password, String organizationHint,
            boolean pickerFollows) throws SignInFailure {
        KeycloakSession session = context.getSession();
        context.getEvent().detail(Details.USERNAME, email);
        WorkOsPasswordConfig config = WorkOsPasswordConfig.of(context.getAuthenticatorConfig());
        WorkOsIdentityProviderConfig provider = WorkOsConnections.config(session, config.identityProvider());
        WorkOsClient client = WorkOsConnections.client(session, provider);
        WorkOsSignIn.Context signIn = WorkOsSignIn.context(context.getAuthenticationSession(), organizationHint,
                config.defaultOrganization(provider), context.getConnection(),
                context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT))
                .withPickerFollowing(pickerFollows);
        WorkOsSignIn.Result result;
        try {
            result = WorkOsSignIn.signIn(client, new WorkOsAccessTokens(session),
                    () -> client.authenticateWithPassword(email, password, signIn.ipAddress(), signIn.userAgent()),
                    signIn);
        } catch (SignInFailure failure) {
            if (failure.flowError() == org.keycloak.authentication.AuthenticationFlowError.INVALID_CREDENTIALS) {
                // Counts the failure against the Keycloak account of that email in the brute-force detector.
                context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME,
                        email);
            }
            throw failure;
        }
        UserModel user = LinkedUsers.upsert(session, context.getRealm(), provider.getAlias(), result.user());
        context.getEvent().user(user).detail(WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
        if (result.pending() != null) {
            PendingSelection.handOver(context.getAuthenticationSession(), provider.getAlias(), result.pending());
            return user;
        }
        SessionNotes.keep(context.getAuthenticationSession(), result);
        if (result.organization() != null) {
            context.getEvent().detail(WorkOsEventDetails.ORGANIZATION_ID, result.organization().id())
                    .detail(WorkOsEventDetails.ORGANIZATION_REASON, result.reason().code());
        }
        return user;
    }
}
