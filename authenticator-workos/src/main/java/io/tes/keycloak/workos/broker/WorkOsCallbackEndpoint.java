package io.tes.keycloak.workos.broker;

import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.organization.contract.SelectionStep;
import io.tes.keycloak.organization.metrics.TesMetrics;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.SessionSignIn;
import io.tes.keycloak.workos.signin.SignInResult;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code /realms/{realm}/broker/{alias}/endpoint}: WorkOS sends the browser back here with {@code code} and
 * {@code state}. The state proves the authentication session (a forged or replayed one is refused by Keycloak),
 * the code is exchanged once, and the sign-in goes on as for the password form; Keycloak's broker then links or
 * creates the user (first-broker-login flow).
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
            WorkOsConnection connection = WorkOsConnection.open(session, config);
            SessionSignIn signIn = SessionSignIn.of(session, connection, authSession, event);
            // The post-broker-login flow's "Organization selection" step can take a hand-over and ask the user. The
            // hosted page has already run WorkOS's second steps (email code, MFA): none is handed over here.
            SignInResult result = signIn.signIn(() -> connection.client().authenticateWithCode(code, verifier,
                    signIn.ipAddress(), signIn.userAgent()), OrganizationRequest.hint(authSession),
                    config.getDefaultOrganization(),
                    SelectionStep.inFlow(authSession.getRealm(), config.getPostBrokerLoginFlowId()), false);
            // A user linked earlier is brought in line with WorkOS here, where a refusal (the new email is another
            // Keycloak user's) can still show the pack's page; the broker's updateBrokeredUser does the same after.
            LinkedUsers.syncLinked(session, authSession.getRealm(), config.getAlias(), result.user());
            WorkOsNotes.markHosted(authSession);
            signIn.keep(result, null, event);
            TesMetrics.signIn("hosted", "success");
            return callback.authenticated(identity(config, authSession, result));
        } catch (WorkOsFailure failure) {
            LOG.debugf("WorkOS hosted sign-in failed: %s", failure.code());
            TesMetrics.signIn("hosted", failure.code());
            // Keycloak's broker records the event's error (identity provider login failure) itself.
            failure.describe(event);
            return callback.error(config, failure.messageKey());
        }
    }

    /**
     * Where WorkOS's logout URL sends the browser back ({@code return_to}): Keycloak's browser logout goes on with the
     * user session named by {@code state}, as Keycloak's OIDC broker does. Only a session that is logging out is
     * finished here.
     */
    @GET
    @Path("logout_response")
    public Response logoutResponse(@QueryParam("state") String state) {
        RealmModel realm = session.getContext().getRealm();
        UserSessionModel userSession = state == null ? null : session.sessions().getUserSession(realm, state);
        if (userSession == null || userSession.getState() != UserSessionModel.State.LOGGING_OUT) {
            LOG.debugf("WorkOS logout came back for no user session that is logging out");
            event.event(EventType.LOGOUT).error(Errors.USER_SESSION_NOT_FOUND);
            return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, Messages.SESSION_NOT_ACTIVE);
        }
        return AuthenticationManager.finishBrowserLogout(session, realm, userSession, session.getContext().getUri(),
                session.getContext().getConnection(), session.getContext().getRequestHeaders());
    }

    private BrokeredIdentityContext identity(WorkOsIdentityProviderConfig config,
            AuthenticationSessionModel authSession, SignInResult result) {
        WorkOsUser user = result.user();
        BrokeredIdentityContext identity = new BrokeredIdentityContext(user.id(), config);
        identity.setIdp(provider);
        identity.setAuthenticationSession(authSession);
        identity.setUsername(user.email());
        identity.setEmail(user.email());
        identity.setFirstName(user.firstName());
        identity.setLastName(user.lastName());
        identity.setBrokerUserId(user.id());
        identity.getContextData().put(WorkOsIdentityProvider.EMAIL_VERIFIED, user.emailVerified());
        if (user.locale() != null) {
            identity.getContextData().put(WorkOsIdentityProvider.LOCALE, user.locale());
        }
        identity.getContextData().put(WorkOsIdentityProvider.ORGANIZATIONS, OrganizationMirror.describe(result));
        if (config.isStoreToken() && result.authentication() != null) {
            identity.setToken(result.authentication().refreshToken());
        }
        return identity;
    }
}
