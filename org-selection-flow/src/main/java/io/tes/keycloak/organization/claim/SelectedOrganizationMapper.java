package io.tes.keycloak.organization.claim;

import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.workos.signin.OrganizationChooser;
import io.tes.keycloak.workos.signin.SessionNotes;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * "Selected organization": the id and name of the organization chosen for this client's session, read from the
 * client session (never the shared user session, so two clients of one user keep their own organization, also on
 * refresh). Defaults {@code org_id} and {@code org_name}, as Auth0 and WorkOS name them.
 */
public final class SelectedOrganizationMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = OrganizationChooser.PIN_MAPPER_ID;
    static final String ID_CLAIM = "organization.id.claim";
    static final String NAME_CLAIM = "organization.name.claim";
    static final String DEFAULT_ID_CLAIM = "org_id";
    static final String DEFAULT_NAME_CLAIM = "org_name";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        ProviderConfigProperty id = new ProviderConfigProperty(ID_CLAIM, "Organization ID claim",
                "The claim that carries the selected organization's ID.", ProviderConfigProperty.STRING_TYPE,
                DEFAULT_ID_CLAIM);
        ProviderConfigProperty name = new ProviderConfigProperty(NAME_CLAIM, "Organization name claim",
                "The claim that carries the selected organization's name; empty to leave it out.",
                ProviderConfigProperty.STRING_TYPE, DEFAULT_NAME_CLAIM);
        ProviderConfigProperty pinned = new ProviderConfigProperty(OrganizationChooser.PIN_MAPPER_KEY,
                "Pinned organization", "Pins this client to one WorkOS organization ID (org_...): its users sign in "
                + "in that organization only, and users who are not members are refused. Empty: the organization "
                + "is chosen at sign-in. Pins only on the client's own (dedicated scope) mapper, not in a shared client "
                + "scope. The client attribute workos.organization_id, if set, wins.",
                ProviderConfigProperty.STRING_TYPE, null);
        CONFIG.add(id);
        CONFIG.add(name);
        CONFIG.add(pinned);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, SelectedOrganizationMapper.class);
    }

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
        return CONFIG;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String idClaim = mapperModel.getConfig().get(ID_CLAIM);
        if (idClaim != null && idClaim.isBlank()) {
            throw new ProtocolMapperConfigException("The organization ID claim name (" + ID_CLAIM
                    + ") must not be blank", "tesInvalidOrganizationMapper");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        String organizationId = clientSession == null ? null : clientSession.getNote(SessionNotes.ORGANIZATION_ID);
        if (organizationId == null) {
            return;
        }
        token.getOtherClaims().put(claim(mappingModel, ID_CLAIM, DEFAULT_ID_CLAIM), organizationId);
        String name = clientSession.getNote(SessionNotes.ORGANIZATION_NAME);
        String nameClaim = claim(mappingModel, NAME_CLAIM, DEFAULT_NAME_CLAIM);
        if (name != null && !name.isBlank() && !nameClaim.isBlank()) {
            token.getOtherClaims().put(nameClaim, name);
        }
    }

    private static String claim(ProtocolMapperModel model, String key, String fallback) {
        String value = model.getConfig().get(key);
        return value == null ? fallback : value.trim();
    }
}
