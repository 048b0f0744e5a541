package io.tes.keycloak.organization.keycloak;

import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.OrganizationSourceFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Keycloak's Organizations as a source: ranked last, it decides for users no other source claims. */
public final class KeycloakOrganizationSourceFactory implements OrganizationSourceFactory {

    public static final String PROVIDER_ID = "keycloak";

    @Override
    public OrganizationSource create(KeycloakSession session) {
        return new KeycloakOrganizationSource();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 0;
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
