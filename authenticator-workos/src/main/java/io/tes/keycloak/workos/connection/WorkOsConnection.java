package io.tes.keycloak.workos.connection;

import java.util.Optional;

import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsDeadline;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsSettings;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * A realm's connection to WorkOS: the settings of its WorkOS identity provider (found by alias), a client on
 * Keycloak's HTTP client with the API key resolved from the vault, and the verifier of WorkOS's access tokens.
 */
public final class WorkOsConnection {

    private static final Logger LOG = Logger.getLogger(WorkOsConnection.class);
    /** The session attribute holding this request's {@link WorkOsDeadline}. */
    static final String DEADLINE_ATTRIBUTE = "tes.workos.deadline";

    /** Checks a WorkOS access token and reads its claims. */
    @FunctionalInterface
    public interface TokenVerifier {
        AccessTokenClaims verify(Authentication authentication) throws WorkOsException;
    }

    private final WorkOsIdentityProviderConfig config;
    private final WorkOsClient client;
    private final TokenVerifier tokens;

    public WorkOsConnection(WorkOsIdentityProviderConfig config, WorkOsClient client, TokenVerifier tokens) {
        this.config = config;
        this.client = client;
        this.tokens = tokens;
    }

    /** The connection of the enabled WorkOS identity provider with that alias. */
    public static WorkOsConnection open(KeycloakSession session, String alias) throws WorkOsFailure {
        return open(session, provider(session, alias));
    }

    private static WorkOsIdentityProviderConfig provider(KeycloakSession session, String alias)
            throws WorkOsFailure {
        IdentityProviderModel model = alias == null ? null : session.identityProviders().getByAlias(alias);
        if (model == null || !WorkOsIdentityProviderConfig.PROVIDER_ID.equals(model.getProviderId())
                || !model.isEnabled()) {
            LOG.warnf("No enabled WorkOS identity provider with alias '%s' in realm %s", alias,
                    session.getContext().getRealm().getName());
            throw WorkOsFailure.notConfigured();
        }
        return new WorkOsIdentityProviderConfig(model);
    }

    /** The connection of that identity provider's settings. */
    public static WorkOsConnection open(KeycloakSession session, WorkOsIdentityProviderConfig config)
            throws WorkOsFailure {
        return open(session, config, false);
    }

    /**
     * The connection for work outside any user's request (the events consumer): the bulkhead and circuit hold, the
     * per-request budget does not (a poll pages on as long as WorkOS answers within each call's timeouts).
     */
    public static WorkOsConnection openInBackground(KeycloakSession session, String alias) throws WorkOsFailure {
        WorkOsIdentityProviderConfig config = provider(session, alias);
        // Later connections of this session (the organization mirror of an event) have no budget either.
        session.setAttribute(DEADLINE_ATTRIBUTE, WorkOsDeadline.NONE);
        return open(session, config, true);
    }

    /**
     * The time this Keycloak request may still spend on WorkOS: one budget per Keycloak session (one HTTP request),
     * started by its first WorkOS connection and shared by every later one in the same request.
     */
    private static WorkOsDeadline deadline(KeycloakSession session, WorkOsIdentityProviderConfig config) {
        Object existing = session.getAttribute(DEADLINE_ATTRIBUTE);
        if (existing instanceof WorkOsDeadline) {
            return (WorkOsDeadline) existing;
        }
        WorkOsDeadline deadline = WorkOsDeadline.in(config.getLimits().requestBudget());
        session.setAttribute(DEADLINE_ATTRIBUTE, deadline);
        return deadline;
    }

    private static WorkOsConnection open(KeycloakSession session, WorkOsIdentityProviderConfig config,
            boolean background) throws WorkOsFailure {
        // Keycloak validates the settings when an admin saves them; these may never have been (a database edited by
        // hand, a realm stored before the rule existed). The key is not even read from the vault then.
        String refusal = config.apiBaseUrlRefusal();
        if (refusal != null) {
            LOG.warnf("WorkOS identity provider '%s' is not used: %s", config.getAlias(), refusal);
            throw WorkOsFailure.notConfigured();
        }
        Optional<String> apiKey;
        try (VaultStringSecret secret = session.vault().getStringSecret(config.getApiKeyReference())) {
            apiKey = secret.get();
        }
        if (apiKey.isEmpty() || apiKey.get().isBlank() || config.getWorkOsClientId() == null) {
            LOG.warnf("WorkOS identity provider '%s' has no API key or client ID", config.getAlias());
            throw WorkOsFailure.notConfigured();
        }
        WorkOsSettings settings = new WorkOsSettings(config.getApiBaseUrl(), apiKey.get(),
                config.getWorkOsClientId(), config.getConnectTimeout(), config.getReadTimeout(),
                WorkOsSettings.DEFAULT_READ_ATTEMPTS);
        WorkOsClient client = new WorkOsClient(session.getProvider(HttpClientProvider.class).getHttpClient(),
                settings, config.getLimits(), background ? WorkOsDeadline.NONE : deadline(session, config));
        WorkOsAccessTokens tokens = new WorkOsAccessTokens(session);
        return new WorkOsConnection(config, client, authentication -> tokens.verify(client, authentication));
    }

    public WorkOsIdentityProviderConfig config() {
        return config;
    }

    public WorkOsClient client() {
        return client;
    }

    public TokenVerifier tokens() {
        return tokens;
    }

    /** The identity provider's alias: the federated-identity links of WorkOS users carry it. */
    public String alias() {
        return config.getAlias();
    }
}
