package io.tes.keycloak.workos.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderStorageProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.AccessToken;

@DisplayName("The WorkOS user ID mapper")
class WorkOsUserIdMapperTest {

    private final WorkOsUserIdMapper mapper = new WorkOsUserIdMapper();
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final UserProvider users = mock(UserProvider.class);
    private final IdentityProviderStorageProvider providers = mock(IdentityProviderStorageProvider.class);

    WorkOsUserIdMapperTest() {
        when(session.users()).thenReturn(users);
        when(session.identityProviders()).thenReturn(providers);
    }

    private static ProtocolMapperModel model(Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("workos user id");
        model.setProtocolMapper(WorkOsUserIdMapper.PROVIDER_ID);
        model.setConfig(new HashMap<>(config));
        return model;
    }

    private void linked(String alias, String workosUserId) {
        when(users.getFederatedIdentity(realm, user, alias))
                .thenReturn(new FederatedIdentityModel(alias, workosUserId, "bob@acme.test"));
    }

    private AccessToken token(Map<String, String> config) {
        UserSessionModel userSession = mock(UserSessionModel.class);
        when(userSession.getUser()).thenReturn(user);
        when(userSession.getRealm()).thenReturn(realm);
        AccessToken token = new AccessToken();
        mapper.setClaim(token, model(config), userSession, session, mock(ClientSessionContext.class));
        return token;
    }

    @Nested
    @DisplayName("Given a user linked to the WorkOS identity provider")
    class Linked {

        @Test
        @DisplayName("then the default config puts the link's user ID in workos_user_id")
        void defaults() {
            linked("workos", "user_bob");

            assertThat(token(Map.of()).getOtherClaims()).containsEntry("workos_user_id", "user_bob");
        }

        @Test
        @DisplayName("then the alias and the claim name come from the config")
        void configured() {
            linked("workos-eu", "user_eve");

            AccessToken token = token(Map.of("workos.identity.provider", "workos-eu", "claim.name", "wid"));

            assertThat(token.getOtherClaims()).containsEntry("wid", "user_eve").doesNotContainKey("workos_user_id");
        }

        @Test
        @DisplayName("then a link to another alias than the configured one gives no claim")
        void otherAlias() {
            linked("workos-eu", "user_eve");

            assertThat(token(Map.of()).getOtherClaims()).doesNotContainKey("workos_user_id");
        }
    }

    @Test
    @DisplayName("Given a user without a WorkOS link then there is no claim")
    void unlinked() {
        assertThat(token(Map.of()).getOtherClaims()).isEmpty();
    }

    @Nested
    @DisplayName("Given a config being saved")
    class Validation {

        private void provider(String alias, String providerId) {
            IdentityProviderModel provider = new IdentityProviderModel();
            provider.setAlias(alias);
            provider.setProviderId(providerId);
            when(providers.getByAlias(alias)).thenReturn(provider);
        }

        @Test
        @DisplayName("then the defaults, a WorkOS provider's alias and a not yet created alias are accepted")
        void accepted() {
            provider("workos", "workos");

            assertThatCode(() -> mapper.validateConfig(session, realm, null, model(Map.of())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> mapper.validateConfig(session, realm, null,
                    model(Map.of("workos.identity.provider", "later")))).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("then a blank alias or claim name is refused, naming the setting")
        void blank() {
            assertThatThrownBy(() -> mapper.validateConfig(session, realm, null,
                    model(Map.of("workos.identity.provider", " "))))
                    .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("workos.identity.provider");
            assertThatThrownBy(() -> mapper.validateConfig(session, realm, null, model(Map.of("claim.name", ""))))
                    .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("claim.name");
        }

        @Test
        @DisplayName("then an alias of another kind of identity provider is refused")
        void notWorkOs() {
            provider("google", "google");

            assertThatThrownBy(() -> mapper.validateConfig(session, realm, null,
                    model(Map.of("workos.identity.provider", "google"))))
                    .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("not a WorkOS");
        }
    }
}
