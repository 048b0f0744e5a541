package io.tes.keycloak.workos.events;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the WorkOS event cursor's table with Keycloak's JPA store; Keycloak runs its changelog at start. */
public final class EventCursorEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "tes-workos-event-cursor";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new EventCursorEntityProvider();
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

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
