package io.tes.keycloak.workos.reset;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * The page WorkOS's reset emails link to: {@code /realms/{realm}/tes-password-reset?token=...}. Server-wide
 * settings ({@code --spi-realm-restapi-extension--tes-password-reset--<name>=...}): {@code identity-provider}
 * (alias of the realm's WorkOS provider, default {@code workos}), {@code max-failures} (refused tokens per client
 * address and realm before it is blocked, default 5) and {@code window-seconds} (default 900).
 */
public final class PasswordResetPageFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "tes-password-reset";
    static final int DEFAULT_MAX_FAILURES = 5;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** Enough for every address of a busy node's window; each entry is a few dozen bytes. */
    static final int MAX_TRACKED_ADDRESSES = 10_000;

    private String identityProvider = WorkOsIdentityProviderConfig.PROVIDER_ID;
    private ResetAttempts attempts = new ResetAttempts(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, MAX_TRACKED_ADDRESSES,
            System::currentTimeMillis);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PasswordResetPage(session, identityProvider, attempts);
    }

    @Override
    public void init(Config.Scope config) {
        identityProvider = config.get("identity-provider", WorkOsIdentityProviderConfig.PROVIDER_ID);
        int maxFailures = Math.max(1, config.getInt("max-failures", DEFAULT_MAX_FAILURES));
        long windowSeconds = Math.max(1, config.getLong("window-seconds", DEFAULT_WINDOW.toSeconds()));
        attempts = new ResetAttempts(maxFailures, Duration.ofSeconds(windowSeconds), MAX_TRACKED_ADDRESSES,
                System::currentTimeMillis);
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
        info.put("identity-provider", identityProvider);
        info.put("max-failures", String.valueOf(attempts.maxFailures()));
        info.put("window-seconds", String.valueOf(attempts.window().toSeconds()));
        return info;
    }
}
