package io.tes.keycloak.workos.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.reset.PasswordResetPageFactory;
import io.tes.keycloak.workos.throttle.WindowLimit;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * The TES account API, {@code /realms/{realm}/tes-api/} ({@code signup}, {@code forgot-password},
 * {@code reset-password}), for clients whose attribute {@code tes.account-api} is {@code true}. Server-wide setting
 * ({@code --spi-realm-restapi-extension--tes-api--identity-provider=...}): the alias of the realm's WorkOS provider,
 * default {@code workos}. The reset call shares the refused-token limit of the set-new-password page
 * ({@link PasswordResetPageFactory}'s {@code max-failures} and {@code window-seconds}).
 */
public final class AccountApiFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "tes-api";
    /** The client attribute that lets a client call the API. */
    public static final String CLIENT_ATTRIBUTE = ApiCaller.ATTRIBUTE;

    private String identityProvider = WorkOsIdentityProviderConfig.PROVIDER_ID;
    private WindowLimit refusedLinks;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new AccountApi(session, identityProvider, refusedLinks);
    }

    @Override
    public void init(Config.Scope config) {
        identityProvider = config.get("identity-provider", WorkOsIdentityProviderConfig.PROVIDER_ID);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        PasswordResetPageFactory page = (PasswordResetPageFactory) factory.getProviderFactory(
                RealmResourceProvider.class, PasswordResetPageFactory.PROVIDER_ID);
        refusedLinks = page != null ? page.refusedLinks() : PasswordResetPageFactory.defaultRefusedLinks();
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("identity-provider", identityProvider);
        info.put("client-attribute", CLIENT_ATTRIBUTE);
        return info;
    }
}
