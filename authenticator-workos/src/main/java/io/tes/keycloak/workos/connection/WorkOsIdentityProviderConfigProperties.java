package io.tes.keycloak.workos.connection;

import java.util.List;

import io.tes.keycloak.workos.client.WorkOsLimits;
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
            .property().name(WorkOsIdentityProviderConfig.REQUEST_BUDGET).label("Time for WorkOS per request (ms)")
            .helpText("The most one Keycloak request (a sign-in step, a token request) waits on WorkOS over all its "
                    + "WorkOS calls and retries. Each call's timeouts are cut to what is left; with nothing left "
                    + "the user sees \"temporarily unavailable\" (workos_timeout).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(
                    WorkOsLimits.DEFAULT_REQUEST_BUDGET.toMillis())).add()
            .property().name(WorkOsIdentityProviderConfig.MAX_IN_FLIGHT).label("Most WorkOS calls at once (per node)")
            .helpText("How many WorkOS calls one Keycloak node makes at the same time. Past it, sign-ins are refused "
                    + "at once with \"temporarily unavailable\" (workos_overloaded) instead of waiting: a slow WorkOS "
                    + "then cannot take the threads that every other realm and client need. Keep it well below "
                    + "Keycloak's worker threads (http-pool-max-threads).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(
                    WorkOsLimits.DEFAULT_MAX_IN_FLIGHT)).add()
            .property().name(WorkOsIdentityProviderConfig.CIRCUIT_FAILURES).label("Failures that open the circuit")
            .helpText("After this many WorkOS calls in a row time out, fail to connect or answer 5xx or 429 (not "
                    + "a 429 WorkOS gives per email, such as for sign-ins), the node stops calling WorkOS for the "
                    + "cool-down and refuses sign-ins at once (workos_circuit_open).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(
                    WorkOsLimits.DEFAULT_CIRCUIT_FAILURES)).add()
            .property().name(WorkOsIdentityProviderConfig.CIRCUIT_COOL_DOWN).label("Circuit cool-down (s)")
            .helpText("How long an open circuit refuses WorkOS calls. Then one call tries WorkOS: if it succeeds, the "
                    + "circuit closes; if not, it stays open for another cool-down.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(
                    WorkOsLimits.DEFAULT_CIRCUIT_COOL_DOWN.toSeconds())).add()
            .build();

    private WorkOsIdentityProviderConfigProperties() {
    }
}
