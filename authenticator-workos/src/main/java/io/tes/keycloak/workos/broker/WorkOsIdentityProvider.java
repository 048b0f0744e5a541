package io.tes.keycloak.workos.broker;

import java.net.URI;

import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.logout.WorkOsLogout;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.signin.LinkedUsers;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sends the browser to WorkOS's {@code /user_management/authorize} and takes it back on the callback endpoint
 * ({@link WorkOsCallbackEndpoint}). Organization selection is never asked on WorkOS's pages: WorkOS's
 * {@code organization_id} authorize parameter also picks an SSO route, so a pinned organization is applied after the
 * code exchange instead, by the organization contract's chooser.
 */
final class WorkOsIdentityProvider extends AbstractIdentityProvider<WorkOsIdentityProviderConfig> {

    private static final Logger LOG = Logger.getLogger(WorkOsIdentityProvider.class);

    static final String PKCE_VERIFIER_NOTE = "tes.workos.code_verifier";
    /** Brokered-identity context data: whether WorkOS verified the user's email (a Boolean). */
    static final String EMAIL_VERIFIED = "tes.workos.email_verified";
    /** Brokered-identity context data: the WorkOS organizations the sign-in learned ({@link OrganizationMirror}). */
    static final String ORGANIZATIONS = "tes.workos.organizations";
    /** Brokered-identity context data: WorkOS's locale of the user (a String), absent when WorkOS names none. */
    static final String LOCALE = "tes.workos.locale";

    WorkOsIdentityProvider(KeycloakSession session, WorkOsIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        WorkOsIdentityProviderConfig config = getConfig();
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        UriBuilder uri = UriBuilder.fromUri(URI.create(config.getApiBaseUrl() + "/user_management/authorize"))
                .queryParam("client_id", config.getWorkOsClientId())
                .queryParam("redirect_uri", request.getRedirectUri())
                .queryParam("response_type", "code")
                .queryParam("state", request.getState().getEncoded());
        String ssoConnection = authSession.getAuthNote(WorkOsNotes.SSO_CONNECTION);
        authSession.removeAuthNote(WorkOsNotes.SSO_CONNECTION);
        if (ssoConnection != null) {
            uri.queryParam("connection_id", ssoConnection);
        } else {
            switch (config.getSignInRoute()) {
                case ORGANIZATION -> uri.queryParam("organization_id", config.getRouteTarget());
                case CONNECTION -> uri.queryParam("connection_id", config.getRouteTarget());
                default -> uri.queryParam("provider", "authkit");
            }
        }
        if (config.isPkce()) {
            String verifier = PkceUtils.generateCodeVerifier();
            authSession.setClientNote(PKCE_VERIFIER_NOTE, verifier);
            uri.queryParam("code_challenge", PkceUtils.encodeCodeChallenge(verifier, "S256"))
                    .queryParam("code_challenge_method", "S256");
        }
        if (config.isForwardHints()) {
            forward(uri, "login_hint", authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM));
            forward(uri, "domain_hint", authSession.getClientNote(
                    AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + "domain_hint"));
        }
        if (config.isSignUpScreenHint() && ssoConnection == null
                && config.getSignInRoute() == WorkOsIdentityProviderConfig.SignInRoute.AUTHKIT
                && "create".equals(authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM))) {
            uri.queryParam("screen_hint", "sign-up");
        }
        return Response.seeOther(uri.build()).build();
    }

    private static void forward(UriBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }

    /**
     * The Keycloak user's email is verified exactly when WorkOS says so, whatever the provider's "Trust email"
     * setting: a token never claims {@code email_verified: true} for an address WorkOS has not verified (as
     * Keycloak's OIDC broker does with an {@code email_verified} claim).
     */
    @Override
    protected void setEmailVerified(UserModel user, BrokeredIdentityContext context) {
        Object verified = context.getContextData().get(EMAIL_VERIFIED);
        if (verified instanceof Boolean) {
            user.setEmailVerified((Boolean) verified);
        } else {
            super.setEmailVerified(user, context);
        }
    }

    /**
     * After every hosted sign-in, the first (Keycloak's broker calls this right after creating or linking the user)
     * and each later one: the user's email, names, email-verified state and locale follow WorkOS, as they do for the
     * password form ({@link LinkedUsers#sync}). The provider's "Sync mode" only governs Keycloak's own copy of email
     * and names, which never clears a name WorkOS no longer has.
     */
    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
            BrokeredIdentityContext context) {
        super.updateBrokeredUser(session, realm, user, context);
        Object verified = context.getContextData().get(EMAIL_VERIFIED);
        Object locale = context.getContextData().get(LOCALE);
        WorkOsUser workos = new WorkOsUser(context.getId(), context.getEmail(),
                verified instanceof Boolean ? (Boolean) verified : user.isEmailVerified(), context.getFirstName(),
                context.getLastName(), locale instanceof String ? (String) locale : null);
        try {
            LinkedUsers.sync(session, realm, user, workos);
        } catch (WorkOsFailure conflict) {
            // The callback refused this already for a linked user; here only a concurrent change gets this far.
            throw new IdentityBrokerException(conflict.code()).withMessageCode(conflict.messageKey());
        }
        Object organizations = context.getContextData().get(ORGANIZATIONS);
        if (organizations instanceof String) {
            try {
                OrganizationMirror.mirrorDescribed(session, WorkOsConnection.open(session, getConfig()),
                        user, (String) organizations);
            } catch (WorkOsFailure notConfigured) {
                LOG.debugf("No organization mirror for this sign-in: %s", notConfigured.code());
            }
        }
    }

    /**
     * Keycloak ends a user session this provider authenticated without a browser (the admin console's or the account
     * console's sign-out, a back-channel logout): its WorkOS sessions are revoked. A WorkOS failure is recorded and
     * never stops the logout. The password form and the direct grant name this provider on their sessions too
     * ({@code WorkOsNotes.keepProvider}), so this runs for them as well.
     */
    @Override
    public void backchannelLogout(KeycloakSession session, UserSessionModel userSession, UriInfo uriInfo,
            RealmModel realm) {
        new WorkOsLogout(session, realm, getConfig()).revokeAll(userSession);
    }

    /**
     * A browser logout (RP-initiated, or the account console's own): the WorkOS sessions are revoked; a browser the
     * hosted page signed in also goes through WorkOS's logout URL, so WorkOS's own cookie goes too, and comes back to
     * {@link WorkOsCallbackEndpoint#logoutResponse}, where Keycloak's logout goes on. When WorkOS did not answer the
     * revocation the detour is skipped (the browser would be stranded at WorkOS) and Keycloak finishes at once.
     */
    @Override
    public Response keycloakInitiatedBrowserLogout(KeycloakSession session, UserSessionModel userSession,
            UriInfo uriInfo, RealmModel realm) {
        WorkOsLogout logout = new WorkOsLogout(session, realm, getConfig());
        boolean answered = logout.revokeAll(userSession);
        String browserSession = WorkOsNotes.browserSession(userSession);
        if (browserSession == null || !answered) {
            return null;
        }
        URI returnTo = uriInfo.getBaseUriBuilder().path("realms").path(realm.getName()).path("broker")
                .path(getConfig().getAlias()).path("endpoint").path("logout_response")
                .queryParam("state", userSession.getId()).build();
        return Response.status(Response.Status.FOUND).location(logout.browserLogoutUrl(browserSession, returnTo))
                .build();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new WorkOsCallbackEndpoint(session, this, callback, event);
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.ok(identity.getToken()).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity,
            UserSessionModel userSession, UserModel user) {
        return retrieveToken(session, identity);
    }
}
