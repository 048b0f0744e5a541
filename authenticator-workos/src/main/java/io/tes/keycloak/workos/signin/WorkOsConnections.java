package io.tes.keycloak.workos.signin;

import java.util.Optional;

import io.tes.keycloak.workos.broker.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.broker.WorkOsIdentityProviderFactory;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsSettings;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The WorkOS connection of a realm lives on its WorkOS identity provider; every WorkOS step finds it by the
 * provider's alias and talks to WorkOS through Keycloak's HTTP client, with the API key resolved from the vault.
 */
public final class WorkOsConnections {

    private static final Logger LOG = Logger.getLogger(WorkOsConnections.class);

    private WorkOsConnections() {
    }

    public static WorkOsIdentityProviderConfig config(KeycloakSession session, String alias) throws SignInFailure {
        IdentityProviderModel model = alias == null ? null : session.identityProviders().getByAlias(alias);
        if (model == null || !WorkOsIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId())
                || !model.isEnabled()) {
            LOG.warnf("No enabled WorkOS identity provider with alias '%s' in realm %s", alias,
                    session.getContext().getRealm().getName());
            throw SignInFailure.notConfigured();
        }
        return new WorkOsIdentityProviderConfig(model);
    }

    public static WorkOsClient client(KeycloakSession session, WorkOsIdentityProviderConfig config)
            throws SignInFailure {
        Optional<String> apiKey;
        try (VaultStringSecret secret = session.vault().getStringSecret(config.getApiKeyReference())) {
            apiKey = secret.get();
        }
        if (apiKey.isEmpty() || apiKey.get().isBlank() || config.getWorkOsClientId() == null) {
            LOG.warnf("WorkOS identity provider '%s' has no API key or client ID", config.getAlias());
            throw SignInFailure.notConfigured();
        }
        WorkOsSettings settings = new WorkOsSettings(config.getApiBaseUrl(), apiKey.get(),
                config.getWorkOsClientId(), config.getConnectTimeout(), config.getReadTimeout(),
                WorkOsSettings.DEFAULT_READ_ATTEMPTS);
        return new WorkOsClient(session.getProvider(HttpClientProvider.class).getHttpClient(), settings);
    }
}
