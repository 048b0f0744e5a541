package io.tes.keycloak.workos.events;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@code tes-workos-events}: the WorkOS event consumer and its server-wide settings. */
public final class WorkOsEventsSpi implements Spi {

    public static final String NAME = "tes-workos-events";

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
        return WorkOsEventConsumer.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WorkOsEventsFactory.class;
    }
}
