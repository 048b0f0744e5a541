package io.tes.keycloak.workos.signin;

import java.util.Map;

import io.tes.keycloak.workos.broker.WorkOsIdentityProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** The setting every step that talks to WorkOS has: which WorkOS identity provider's connection it uses. */
public final class WorkOsProviderSetting {

    /** The step setting that names the WorkOS identity provider whose connection a step uses. */
    public static final String KEY = "identityProvider";

    /** The admin-console field for {@link #KEY}, shared by every step that talks to WorkOS. */
    public static ProviderConfigProperty property() {
        return new ProviderConfigProperty(KEY, "WorkOS identity provider",
                "The alias of the WorkOS identity provider whose client ID, API key and base URL are used.",
                ProviderConfigProperty.STRING_TYPE, WorkOsIdentityProviderFactory.PROVIDER_ID);
    }

    /** The provider alias a step's settings name; {@code workos} when the config or the value is missing. */
    public static String alias(Map<String, String> config) {
        String alias = config == null ? null : config.get(KEY);
        return alias == null || alias.isBlank() ? WorkOsIdentityProviderFactory.PROVIDER_ID : alias.trim();
    }

    private WorkOsProviderSetting() {
    }
}
