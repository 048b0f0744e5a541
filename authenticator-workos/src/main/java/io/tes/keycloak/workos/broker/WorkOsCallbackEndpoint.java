package io.tes.keycloak.workos.broker;

import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.signin.OrganizationChooser;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.SessionNotes;
import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsConnections;
import io.tes.keycloak.workos.signin.WorkOsEventDetails;
import io.tes.keycloak.workos.signin.WorkOsSignIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code /realms/{realm}/broker/{alias}/endpoint}: WorkOS sends the browser back here with {@code code} and
 * {@code state}. The state proves the authentication session (a forged or replayed one is refused by Keycloak),
 * the code is exchanged once, and organization selection is completed as for the password form.
 */
public final class WorkOsCallbackEndpoint {

    private static final Logger LOG = Logger.getLogger(WorkOsCallbackEndpoint.class);

    private final KeycloakSession session;
    private final WorkOsIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;

    WorkOsCallbackEndpoint(KeycloakSession session, WorkOsIdentityProvider provider, AuthenticationCallback callback,
            EventBuilder event) {
        this.session = session;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
    }

    // @Path("") makes Quarkus index this provider jar's JAX-RS classes; without a bean-defining annotation the jar is
    // skipped and the sub-resource answers 405 (https://github.com/keycloak/keycloak/issues/26835).
    @GET
    @Path("")
    public Response authResponse(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state);
        session.getContext().setAuthenticationSession(authSession);
        WorkOsIdentityProviderConfig config = provider.getConfig();
        if (error != null || code == null) {
            return callback.cancelled(config);
        }
        String verifier = authSession.getClientNote(WorkOsIdentityProvider.PKCE_VERIFIER_NOTE);
        authSession.removeClientNote(WorkOsIdentityProvider.PKCE_VERIFIER_NOTE);
        try {
            WorkOsClient client = WorkOsConnections.client(session, config);
            WorkOsSignIn.Context context = WorkOsSignIn.context(authSession,
                    OrganizationChooser.requestedOrganization(authSession),
                    config.getDefaultOrganization(), session.getContext().getConnection(),
                    session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.USER_AGENT))
                    .withPickerFollowing(PendingSelection.stepIn(authSession.getRealm(),
                            config.getPostBrokerLoginFlowId()));
            WorkOsSignIn.Result result = WorkOsSignIn.signIn(client, new WorkOsAccessTokens(session),
                    () -> client.authenticateWithCode(code, verifier, context.ipAddress(), context.userAgent()),
                    context);
            event.detail(WorkOsEventDetails.WORKOS_USER_ID, result.user().id());
            if (result.pending() != null) {
                // The post-broker-login flow's "Organization selection" step asks the user and completes it.
                PendingSelection.handOver(authSession, config.getAlias(), result.pending());
            } else {
                SessionNotes.keep(authSession, result);
            }
            if (result.organization() != null) {
                event.detail(WorkOsEventDetails.ORGANIZATION_ID, result.organization().id())
                        .detail(WorkOsEventDetails.ORGANIZATION_REASON, result.reason().code());
            }
            return callback.authenticated(identity(config, authSession, result));
        } catch (SignInFailure failure) {
            LOG.debugf("WorkOS hosted sign-in failed: %s", failure.code());
            event.detail(WorkOsEventDetails.WORKOS_ERROR, failure.code());
            return callback.error(config, failure.messageKey());
        }
    }

    private BrokeredIdentityContext identity(WorkOsIdentityProviderConfig config,
            AuthenticationSessionModel authSession, WorkOsSignIn.Result result) {
        WorkOsUser user = result.user();
        BrokeredIdentityContext identity = new BrokeredIdentityContext(user.id(), config);
        identity.setIdp(provider);
        identity.setAuthenticationSession(authSession);
        identity.setUsername(user.email());
        identity.setEmail(user.email());
        identity.setFirstName(user.firstName());
        identity.setLastName(user.lastName());
        identity.setBrokerUserId(user.id());
        if (config.isStoreToken() && result.authentication() != null) {
            identity.setToken(result.authentication().refreshToken());
        }
        if (result.organization() != null) {
            identity.setSessionNote(SessionNotes.ORGANIZATION_ID, result.organization().id());
        }
        return identity;
    }
}
