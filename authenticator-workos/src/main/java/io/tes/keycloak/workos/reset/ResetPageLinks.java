package io.tes.keycloak.workos.reset;

import java.net.URI;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.services.util.ResolveRelative;

/**
 * Where the reset page sends the user next. WorkOS's link carries no client, so by default "sign in" opens the
 * realm's account console and "new link" Keycloak's own reset entry point; an enabled client named by
 * {@code client_id} (admins may add it to the reset URL set at WorkOS) with a base URL takes its place.
 */
record ResetPageLinks(String clientId, String signIn, String newLink, URI action) {

    static ResetPageLinks of(KeycloakSession session, RealmModel realm, String clientId) {
        URI base = session.getContext().getUri().getBaseUri();
        URI action = Urls.realmBase(base).path(realm.getName()).path(PasswordResetPageFactory.PROVIDER_ID).build();
        ClientModel client = clientId == null || clientId.isBlank() ? null : realm.getClientByClientId(clientId);
        if (client != null && client.isEnabled() && client.getBaseUrl() != null && !client.getBaseUrl().isBlank()) {
            return new ResetPageLinks(client.getClientId(),
                    ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl()),
                    Urls.loginResetCredentialsBuilder(base).queryParam("client_id", client.getClientId())
                            .build(realm.getName()).toString(),
                    jakarta.ws.rs.core.UriBuilder.fromUri(action).queryParam("client_id", client.getClientId()).build());
        }
        return new ResetPageLinks(null, Urls.accountBase(base).path("/").build(realm.getName()).toString(),
                Urls.loginResetCredentials(base, realm.getName()).toString(), action);
    }
}
