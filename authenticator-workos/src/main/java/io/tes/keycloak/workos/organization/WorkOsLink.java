package io.tes.keycloak.workos.organization;

import java.util.Optional;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A Keycloak user's link to a WorkOS user, through an enabled WorkOS identity provider. */
record WorkOsLink(String alias, String workosUserId) {

    static Optional<WorkOsLink> of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null) {
            return Optional.empty();
        }
        return session.users().getFederatedIdentitiesStream(realm, user)
                .filter(link -> isWorkOs(session.identityProviders().getByAlias(link.getIdentityProvider())))
                .map(link -> new WorkOsLink(link.getIdentityProvider(), link.getUserId()))
                .findFirst();
    }

    private static boolean isWorkOs(IdentityProviderModel provider) {
        return provider != null && provider.isEnabled()
                && WorkOsIdentityProviderConfig.PROVIDER_ID.equals(provider.getProviderId());
    }
}
