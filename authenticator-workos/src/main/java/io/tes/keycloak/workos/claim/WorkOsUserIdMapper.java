package io.tes.keycloak.workos.claim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * "WorkOS user ID": the ID of the WorkOS user the Keycloak user is linked to (its federated identity at the WorkOS
 * identity provider), as claim {@code workos_user_id}, so resource servers keyed on TES's WorkOS user IDs keep
 * working while {@code sub} is Keycloak's user ID. Users without a link (Keycloak-only users, service accounts) get
 * no claim.
 */
public final class WorkOsUserIdMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "tes-workos-user-id-mapper";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS user ID";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the WorkOS user ID (user_...) of the user's link to the WorkOS identity provider "
                + "(workos_user_id). Users without a link get no claim.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return WorkOsUserIdMapperConfigProperties.PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        WorkOsUserIdMapperConfig config = WorkOsUserIdMapperConfig.of(mapperModel);
        if (config.identityProvider().isEmpty()) {
            throw new ProtocolMapperConfigException("The WorkOS identity provider ("
                    + WorkOsUserIdMapperConfigProperties.IDENTITY_PROVIDER + ") must not be blank",
                    "tesInvalidWorkOsUserIdMapper");
        }
        if (config.claim().isEmpty()) {
            throw new ProtocolMapperConfigException("The claim name ("
                    + WorkOsUserIdMapperConfigProperties.CLAIM + ") must not be blank", "tesInvalidWorkOsUserIdMapper");
        }
        // A provider that does not exist yet is accepted (the mapper may be set up before it); one of another kind
        // is not: its links hold IDs of another system, which must never pass for WorkOS user IDs.
        IdentityProviderModel provider = session.identityProviders().getByAlias(config.identityProvider());
        if (provider != null && !WorkOsIdentityProviderConfig.PROVIDER_ID.equals(provider.getProviderId())) {
            throw new ProtocolMapperConfigException("The identity provider '" + config.identityProvider()
                    + "' is not a WorkOS identity provider", "tesInvalidWorkOsUserIdMapper");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        UserModel user = userSession.getUser();
        if (user == null) {
            return;
        }
        WorkOsUserIdMapperConfig config = WorkOsUserIdMapperConfig.of(mappingModel);
        FederatedIdentityModel link = keycloakSession.users()
                .getFederatedIdentity(userSession.getRealm(), user, config.identityProvider());
        if (link == null || link.getUserId() == null || link.getUserId().isBlank()) {
            return;
        }
        // Keycloak's helper writes the claim, so a dotted name nests as it does for Keycloak's own mappers.
        Map<String, String> claimConfig = new HashMap<>(mappingModel.getConfig() == null
                ? Map.of() : mappingModel.getConfig());
        claimConfig.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, config.claim());
        ProtocolMapperModel effective = new ProtocolMapperModel();
        effective.setConfig(claimConfig);
        OIDCAttributeMapperHelper.mapClaim(token, effective, link.getUserId());
    }
}
