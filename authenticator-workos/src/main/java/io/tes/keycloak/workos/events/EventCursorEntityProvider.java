package io.tes.keycloak.workos.events;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the event cursor's entity to Keycloak's JPA unit, with the changelog that creates its table. */
final class EventCursorEntityProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/tes-workos-events-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(EventCursorEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return EventCursorEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
