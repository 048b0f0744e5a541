package io.tes.keycloak.workos.claim;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsStepConfigProperties;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The mapper's settings in the admin console, with their keys and defaults. */
final class WorkOsUserIdMapperConfigProperties {

    /** The alias of the WorkOS identity provider whose link holds the WorkOS user ID. */
    static final String IDENTITY_PROVIDER = "workos.identity.provider";
    static final String IDENTITY_PROVIDER_DEFAULT = WorkOsStepConfigProperties.IDENTITY_PROVIDER_DEFAULT;
    /** Keycloak's own claim-name key, so the console shows it as for its own mappers. */
    static final String CLAIM = OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME;
    static final String CLAIM_DEFAULT = "workos_user_id";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(IDENTITY_PROVIDER).label("WorkOS identity provider")
            .helpText("The alias of the WorkOS identity provider whose link to the user holds the WorkOS user ID. "
                    + "Users without such a link get no claim.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(IDENTITY_PROVIDER_DEFAULT).add()
            .property().name(CLAIM).label("Token Claim Name")
            .helpText("The claim that carries the WorkOS user ID (user_...).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(CLAIM_DEFAULT).add()
            .build();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(PROPERTIES, WorkOsUserIdMapper.class);
    }

    private WorkOsUserIdMapperConfigProperties() {
    }
}
