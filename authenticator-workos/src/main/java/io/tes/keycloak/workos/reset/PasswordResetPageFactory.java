package io.tes.keycloak.workos.reset;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.throttle.WindowLimit;
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
 * address and realm in a window before the address is blocked until the window ends, default 5) and
 * {@code window-seconds} (default 900). The counts live in Keycloak's login-failure store, shared by the cluster.
 */
public final class PasswordResetPageFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "tes-password-reset";
    static final int DEFAULT_MAX_FAILURES = 5;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** The key space of the refused links' counts. */
    static final String COUNTS = "reset-link";

    private String identityProvider = WorkOsIdentityProviderConfig.PROVIDER_ID;
    private WindowLimit refusedLinks = defaultRefusedLinks();

    /** The refused-token limit without settings. */
    public static WindowLimit defaultRefusedLinks() {
        return new WindowLimit(COUNTS, DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PasswordResetPage(session, identityProvider, refusedLinks);
    }

    @Override
    public void init(Config.Scope config) {
        identityProvider = config.get("identity-provider", WorkOsIdentityProviderConfig.PROVIDER_ID);
        int maxFailures = Math.max(1, config.getInt("max-failures", DEFAULT_MAX_FAILURES));
        long windowSeconds = Math.max(1, config.getLong("window-seconds", DEFAULT_WINDOW.toSeconds()));
        refusedLinks = new WindowLimit(COUNTS, maxFailures, Duration.ofSeconds(windowSeconds));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** The refused-token limit, shared with the TES account API's reset call. */
    public WindowLimit refusedLinks() {
        return refusedLinks;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("identity-provider", identityProvider);
        info.put("max-failures", String.valueOf(refusedLinks.maxAttempts()));
        info.put("window-seconds", String.valueOf(refusedLinks.window().toSeconds()));
        return info;
    }
}
