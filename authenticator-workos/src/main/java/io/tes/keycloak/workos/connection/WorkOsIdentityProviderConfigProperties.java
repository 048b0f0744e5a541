package io.tes.keycloak.workos.connection;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The admin console fields of the WorkOS identity provider, each with its help text. The WorkOS client ID and API
 * key are stored under Keycloak's own {@code clientId} and {@code clientSecret} keys, which the console already
 * shows as "Client ID" and "Client Secret" (and Keycloak masks the secret in every export): listing them here too
 * showed each twice.
 */
public final class WorkOsIdentityProviderConfigProperties {

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(WorkOsIdentityProviderConfig.API_BASE_URL).label("API base URL")
            .helpText("Where the WorkOS API is. Leave empty for WorkOS production (https://api.workos.com); "
                    + "point it at a proxy or a local emulator for tests. It must use https, except for a "
                    + "loopback address (127.0.0.1, ::1, localhost) or with \"Allow plain HTTP\" on.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(WorkOsIdentityProviderConfig.ALLOW_PLAIN_HTTP).label("Allow plain HTTP (development only)")
            .helpText("Let the API base URL use plain http to a host that is not a loopback address, such as an "
                    + "emulator in a container network. The API key then crosses the network unencrypted: never "
                    + "switch this on in production. Without it the base URL must use https, except for a loopback "
                    + "address.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(WorkOsIdentityProviderConfig.SIGN_IN_ROUTE).label("Hosted sign-in starts with")
            .helpText("AUTHKIT: WorkOS's hosted AuthKit page. ORGANIZATION: the sign-in method of one WorkOS "
                    + "organization. CONNECTION: one enterprise SSO connection.")
            .type(ProviderConfigProperty.LIST_TYPE).options("AUTHKIT", "ORGANIZATION", "CONNECTION")
            .defaultValue("AUTHKIT").add()
            .property().name(WorkOsIdentityProviderConfig.ROUTE_TARGET).label("Organization or connection ID")
            .helpText("The WorkOS organization ID (org_...) or connection ID (conn_...) for those routes.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(WorkOsIdentityProviderConfig.FORWARD_HINTS).label("Forward login_hint and domain_hint")
            .helpText("Pass the app's login_hint and domain_hint on to WorkOS.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(WorkOsIdentityProviderConfig.SIGN_UP_SCREEN_HINT).label("Sign-up screen on registration")
            .helpText("When the app asks for registration (prompt=create), open AuthKit on its sign-up screen.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(WorkOsIdentityProviderConfig.PKCE).label("PKCE towards WorkOS")
            .helpText("Send an S256 code challenge to WorkOS and prove it at the code exchange.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(WorkOsIdentityProviderConfig.MIRROR_ORGANIZATIONS).label("Mirror organizations")
            .helpText("Copy WorkOS organizations and their members, one way, into this realm's Organizations (on "
                    + "sign-in and from WorkOS events), so the admin console shows who belongs where. Needs the "
                    + "realm's Organizations on. WorkOS stays the source of the organization choice and of org_id.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(WorkOsIdentityProviderConfig.DEFAULT_ORGANIZATION).label("Default organization")
            .helpText("The WorkOS organization ID chosen for a user in several organizations when neither the "
                    + "client nor the request names one.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(WorkOsIdentityProviderConfig.CONNECT_TIMEOUT).label("Connect timeout (ms)")
            .helpText("How long to wait for a connection to WorkOS.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("2000").add()
            .property().name(WorkOsIdentityProviderConfig.READ_TIMEOUT).label("Read timeout (ms)")
            .helpText("How long to wait for WorkOS to answer.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5000").add()
            .build();

    private WorkOsIdentityProviderConfigProperties() {
    }
}
