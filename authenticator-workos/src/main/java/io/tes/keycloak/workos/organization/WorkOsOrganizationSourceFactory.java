package io.tes.keycloak.workos.organization;

import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.OrganizationSourceFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * WorkOS as an organization source: ranked above Keycloak's Organizations, it decides for users WorkOS signed in
 * (a hand-over in this sign-in, or a link to an enabled WorkOS identity provider). Organization ids are WorkOS's.
 */
public final class WorkOsOrganizationSourceFactory implements OrganizationSourceFactory {

    public static final String PROVIDER_ID = "workos";

    @Override
    public OrganizationSource create(KeycloakSession session) {
        return new WorkOsOrganizationSource();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 100;
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
