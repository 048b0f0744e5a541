package io.tes.keycloak.workos.account;

import io.tes.keycloak.workos.throttle.WorkOsThrottle;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;

/**
 * The client calling the TES account API, authenticated by Keycloak's own client authentication (the realm's client
 * authentication flow: client secret by HTTP Basic or in a form body, signed JWT, ...), which lets a public client
 * name itself without a secret. Only clients whose attribute {@value #ATTRIBUTE} is {@code true} may call. A
 * confidential client is a back end calling for many users from one address: the per-address throttles are left
 * out for its request (the per-email ones stay); a public client is held to them.
 */
final class ApiCaller {

    /** The client attribute that lets a client call the API. */
    static final String ATTRIBUTE = "tes.account-api";
    /** Where Keycloak's client-secret authenticator looks for a client id that came neither by Basic nor in a form. */
    private static final String KEYCLOAK_CLIENT_ID_ATTRIBUTE = "client_id";

    private static final Logger LOG = Logger.getLogger(ApiCaller.class);

    private ApiCaller() {
    }

    /** The authenticated, allowed client of this request; the event names it. */
    static ClientModel authenticate(KeycloakSession session, EventBuilder event, ApiBody body) throws ApiError {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        ClientNaming naming = ClientNaming.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getHeaderString(ClientNaming.HEADER), body.clientId(), body.form());
        if (naming.none()) {
            throw ApiError.of(401, ApiError.INVALID_CLIENT, "client_required", null, Errors.INVALID_CLIENT);
        }
        event.client(naming.clientId());
        if (naming.conflicting()) {
            throw ApiError.of(401, ApiError.INVALID_CLIENT, "client_mismatch", null, Errors.INVALID_CLIENT);
        }
        if (naming.tellKeycloak()) {
            session.setAttribute(KEYCLOAK_CLIENT_ID_ATTRIBUTE, naming.clientId());
        }
        ClientModel client;
        try {
            // Keycloak records its own CLIENT_LOGIN_ERROR for a failed authentication, as at the token endpoint.
            client = AuthorizeClientUtil.authorizeClient(session, event.clone().event(EventType.CLIENT_LOGIN), null)
                    .getClient();
        } catch (WebApplicationException refused) {
            LOG.debugf("TES account API: client %s not authenticated (HTTP %d)", naming.clientId(),
                    refused.getResponse().getStatus());
            throw ApiError.of(401, ApiError.INVALID_CLIENT, "client_authentication_failed", null,
                    Errors.INVALID_CLIENT_CREDENTIALS);
        }
        event.client(client);
        if (!Boolean.parseBoolean(client.getAttribute(ATTRIBUTE))) {
            throw ApiError.of(403, ApiError.UNAUTHORIZED_CLIENT, "client_not_allowed", null, Errors.NOT_ALLOWED);
        }
        if (!client.isPublicClient()) {
            WorkOsThrottle.of(session).exemptAddress();
        }
        return client;
    }
}
