package io.tes.keycloak.workos.connection;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The setting every step that talks to WorkOS has: which WorkOS identity provider's connection it uses. */
public final class WorkOsStepConfigProperties {

    /** The step setting that names the WorkOS identity provider whose connection a step uses. */
    public static final String IDENTITY_PROVIDER = "identityProvider";
    /** Its default: the alias the demo realm and the admin guide use. */
    public static final String IDENTITY_PROVIDER_DEFAULT = WorkOsIdentityProviderConfig.PROVIDER_ID;

    /** The admin-console field, shared by every step that talks to WorkOS. */
    public static final ProviderConfigProperty IDENTITY_PROVIDER_PROPERTY = new ProviderConfigProperty(
            IDENTITY_PROVIDER, "WorkOS identity provider",
            "The alias of the WorkOS identity provider whose client ID, API key and base URL are used.",
            ProviderConfigProperty.STRING_TYPE, IDENTITY_PROVIDER_DEFAULT);

    /** The settings of a step that has no other (signup, reset request). */
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property(IDENTITY_PROVIDER_PROPERTY)
            .build();

    private WorkOsStepConfigProperties() {
    }
}
