package io.tes.keycloak.organization.selection;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The step's settings in the admin console, with their keys and defaults. */
final class OrganizationSelectionConfigProperties {

    static final String REQUIRED = "organization.required";
    static final String REMEMBER = "organization.remember";
    static final String DEFAULT_ORGANIZATION = "organization.default";

    static final boolean REQUIRED_DEFAULT = false;
    static final boolean REMEMBER_DEFAULT = false;

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(REQUIRED).label("Require an organization")
            .helpText("Refuse users who belong to no organization (clients that pin an organization always do).")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(REQUIRED_DEFAULT)).add()
            .property().name(REMEMBER).label("Remember the last choice")
            .helpText("Reuse the organization the user last chose for the same client instead of asking again "
                    + "(stored as a user attribute per client). Pin and 'organization' hint still come first.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(REMEMBER_DEFAULT)).add()
            .property().name(DEFAULT_ORGANIZATION).label("Default organization")
            .helpText("Organization ID chosen when the user is a member and neither pin, hint nor remembered "
                    + "choice decide. Empty: no default.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    private OrganizationSelectionConfigProperties() {
    }
}
