package io.tes.keycloak.organization.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI through which the "Organization selection" step reaches the systems that hold organizations. */
public final class OrganizationSourceSpi implements Spi {

    public static final String NAME = "tes-organization-source";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return OrganizationSource.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return OrganizationSourceFactory.class;
    }
}
