package io.tes.keycloak.organization.claim;

import java.util.List;

import io.tes.keycloak.organization.contract.ProviderIds;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * "Selected organization": the id and name of the organization chosen for this client's session, read from the
 * client session (never the shared user session, so two clients of one user keep their own organization, also on
 * refresh). Defaults {@code org_id} and {@code org_name}, as Auth0 and WorkOS name them.
 */
public final class SelectedOrganizationMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = ProviderIds.SELECTED_ORGANIZATION_MAPPER;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Selected organization";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the ID and name of the organization selected for this client's session (org_id, org_name).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return SelectedOrganizationMapperConfigProperties.PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        if (SelectedOrganizationMapperConfig.of(mapperModel).idClaim().isEmpty()) {
            throw new ProtocolMapperConfigException("The organization ID claim name ("
                    + SelectedOrganizationMapperConfigProperties.ID_CLAIM + ") must not be blank",
                    "tesInvalidOrganizationMapper");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        String organizationId = SelectedOrganization.id(clientSession);
        if (organizationId == null) {
            return;
        }
        SelectedOrganizationMapperConfig config = SelectedOrganizationMapperConfig.of(mappingModel);
        token.getOtherClaims().put(config.idClaim(), organizationId);
        String name = SelectedOrganization.name(clientSession);
        if (name != null && config.withName()) {
            token.getOtherClaims().put(config.nameClaim(), name);
        }
    }
}
