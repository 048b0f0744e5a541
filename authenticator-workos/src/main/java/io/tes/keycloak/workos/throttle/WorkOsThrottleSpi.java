package io.tes.keycloak.workos.throttle;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@code tes-throttle}: it exists so the throttle's server-wide settings have a place in Keycloak's config. */
public final class WorkOsThrottleSpi implements Spi {

    public static final String NAME = "tes-throttle";

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
        return WorkOsThrottle.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WorkOsThrottleFactory.class;
    }
}
