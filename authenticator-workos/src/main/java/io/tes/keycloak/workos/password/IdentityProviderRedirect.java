package io.tes.keycloak.workos.password;

import java.net.URI;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sends a user WorkOS answered {@code sso_required} on to the WorkOS identity provider, starting at the SSO
 * connection WorkOS named, the way Keycloak's own identity-provider redirector hands a login to a broker.
 */
final class IdentityProviderRedirect {

    private static final Logger LOG = Logger.getLogger(IdentityProviderRedirect.class);

    private IdentityProviderRedirect() {
    }

    /** Returns false when the password step's identity provider cannot take the user (then the caller fails). */
    static boolean toSso(AuthenticationFlowContext context, WorkOsFailure failure) {
        String connectionId = failure.ssoConnection();
        String alias = WorkOsPasswordConfig.of(context.getAuthenticatorConfig()).identityProvider();
        if (context.getSession().identityProviders().getByAlias(alias) == null) {
            return false;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(WorkOsNotes.SSO_CONNECTION, connectionId);
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession)
                .getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), alias,
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(),
                authSession.getTabId(), AuthenticationProcessor.getClientData(context.getSession(), authSession),
                context.getHttpRequest().getDecodedFormParameters().getFirst("username"));
        LOG.debugf("WorkOS requires SSO; sending the user to provider %s, connection %s", alias, connectionId);
        failure.describe(context.getEvent());
        context.forceChallenge(Response.seeOther(location).build());
        return true;
    }
}
