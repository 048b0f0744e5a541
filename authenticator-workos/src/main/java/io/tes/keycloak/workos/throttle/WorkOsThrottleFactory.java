package io.tes.keycloak.workos.throttle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The throttle's server-wide settings, read once at start
 * ({@code --spi-tes-throttle--default--<name>=...}): {@code address-max-attempts} (attempts per client address and
 * realm in a window before the address is refused, default 100; 0 switches the address limit off) and
 * {@code address-window-seconds} (default 900). The per-email limits are the realm's brute-force settings.
 */
public final class WorkOsThrottleFactory implements ProviderFactory<WorkOsThrottle>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";
    static final String ADDRESS_MAX_ATTEMPTS = "address-max-attempts";
    static final String ADDRESS_WINDOW_SECONDS = "address-window-seconds";
    static final int DEFAULT_ADDRESS_MAX_ATTEMPTS = 100;
    static final Duration DEFAULT_ADDRESS_WINDOW = Duration.ofMinutes(15);

    private WindowLimit addressLimit = new WindowLimit(ThrottleKeys.ADDRESS, DEFAULT_ADDRESS_MAX_ATTEMPTS,
            DEFAULT_ADDRESS_WINDOW);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public WorkOsThrottle create(KeycloakSession session) {
        return new WorkOsThrottle(session, addressLimit, Time::currentTimeMillis);
    }

    @Override
    public void init(Config.Scope config) {
        int maxAttempts = Math.max(0, config.getInt(ADDRESS_MAX_ATTEMPTS, DEFAULT_ADDRESS_MAX_ATTEMPTS));
        long windowSeconds = Math.max(1, config.getLong(ADDRESS_WINDOW_SECONDS, DEFAULT_ADDRESS_WINDOW.toSeconds()));
        addressLimit = new WindowLimit(ThrottleKeys.ADDRESS, maxAttempts, Duration.ofSeconds(windowSeconds));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(ADDRESS_MAX_ATTEMPTS, String.valueOf(addressLimit.maxAttempts()));
        info.put(ADDRESS_WINDOW_SECONDS, String.valueOf(addressLimit.window().toSeconds()));
        return info;
    }
}
