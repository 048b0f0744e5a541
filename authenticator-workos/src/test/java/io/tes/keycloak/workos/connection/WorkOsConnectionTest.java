package io.tes.keycloak.workos.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.apache.http.impl.client.CloseableHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderStorageProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * Opening a realm's WorkOS connection when the stored settings were never validated (a realm imported before the
 * rule existed, a database edited by hand): plain http to a remote host is refused before the API key is read.
 */
@DisplayName("Opening the WorkOS connection")
class WorkOsConnectionTest {

    private static final String ALIAS = "workos-test";

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final IdentityProviderStorageProvider identityProviders = mock(IdentityProviderStorageProvider.class);
    private final VaultTranscriber vault = mock(VaultTranscriber.class);

    @BeforeEach
    void keycloak() {
        when(session.identityProviders()).thenReturn(identityProviders);
        VaultStringSecret apiKey = mock(VaultStringSecret.class);
        when(apiKey.get()).thenReturn(Optional.of("sk_test_connection"));
        when(vault.getStringSecret(anyString())).thenReturn(apiKey);
        when(session.vault()).thenReturn(vault);
        HttpClientProvider httpClients = mock(HttpClientProvider.class);
        when(httpClients.getHttpClient()).thenReturn(mock(CloseableHttpClient.class));
        when(session.getProvider(HttpClientProvider.class)).thenReturn(httpClients);
        KeycloakContext context = mock(KeycloakContext.class);
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("tes");
        when(context.getRealm()).thenReturn(realm);
        when(session.getContext()).thenReturn(context);
    }

    /** Stores a WorkOS provider with these settings, as an import would, without validation. */
    private void stored(String baseUrl, String allowPlainHttp) {
        IdentityProviderModel provider = new IdentityProviderModel();
        provider.setAlias(ALIAS);
        provider.setProviderId(WorkOsIdentityProviderConfig.PROVIDER_ID);
        provider.setEnabled(true);
        Map<String, String> config = new HashMap<>(Map.of("clientId", "client_1", "clientSecret", "${vault.key}",
                "apiBaseUrl", baseUrl));
        if (allowPlainHttp != null) {
            config.put("allowPlainHttp", allowPlainHttp);
        }
        provider.setConfig(config);
        when(identityProviders.getByAlias(ALIAS)).thenReturn(provider);
    }

    @Nested
    @DisplayName("Given a stored base URL")
    class BaseUrl {

        @Test
        @DisplayName("when it is plain http to a remote host then workos_not_configured, the API key never read")
        void plainHttpRefused() {
            stored("http://workos.example.com", null);

            WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class,
                    () -> WorkOsConnection.open(session, ALIAS));

            assertThat(failure).isNotNull();
            assertThat(failure.code()).isEqualTo(WorkOsFailure.NOT_CONFIGURED);
            verify(vault, never()).getStringSecret(anyString());
        }

        @Test
        @DisplayName("when it is https then the connection opens on it")
        void httpsOpens() throws Exception {
            stored("https://api.workos.com", null);

            assertThat(WorkOsConnection.open(session, ALIAS).client().settings().baseUrl())
                    .isEqualTo("https://api.workos.com");
        }

        @Test
        @DisplayName("when it is plain http to a loopback address then the connection opens")
        void loopbackOpens() throws Exception {
            stored("http://127.0.0.1:8090", null);

            assertThat(WorkOsConnection.open(session, ALIAS).client().settings().baseUrl())
                    .isEqualTo("http://127.0.0.1:8090");
        }

        @Test
        @DisplayName("when it is plain http to a remote host with \"Allow plain HTTP\" on then the connection opens")
        void switchOpens() throws Exception {
            stored("http://workos-emulator:8090", "true");

            assertThat(WorkOsConnection.open(session, ALIAS).alias()).isEqualTo(ALIAS);
        }
    }

    @Test
    @DisplayName("Given no provider with the alias then workos_not_configured")
    void unknownAlias() {
        WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class,
                () -> WorkOsConnection.open(session, "nosuch"));

        assertThat(failure.code()).isEqualTo(WorkOsFailure.NOT_CONFIGURED);
    }
}
