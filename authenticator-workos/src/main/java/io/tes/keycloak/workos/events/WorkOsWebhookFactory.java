package io.tes.keycloak.workos.events;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * WorkOS's webhook under each realm: {@code /realms/{realm}/tes-workos-webhook}. Off (404) until the vault holds the
 * secret under the key the event consumer's {@code webhook-secret-vault-key} names.
 */
public final class WorkOsWebhookFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "tes-workos-webhook";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new WorkOsWebhook(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
