package io.tes.keycloak.workos.connection;

import java.time.Duration;

import io.tes.keycloak.workos.client.WorkOsLimits;
import io.tes.keycloak.workos.client.WorkOsSettings;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/**
 * The "WorkOS" identity provider's settings, as stored in Keycloak: the WorkOS connection (client id, API key,
 * base URL, timeouts) that every WorkOS step of the pack uses, and how hosted sign-in starts. Copes with a missing
 * value by falling back to the one default defined here.
 */
public final class WorkOsIdentityProviderConfig extends IdentityProviderModel {

    private static final long serialVersionUID = 1L;

    /** The identity provider type ("WorkOS" in the admin console); also the default alias. */
    public static final String PROVIDER_ID = "workos";

    static final String CLIENT_ID = "clientId";
    static final String API_KEY = "clientSecret";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String ALLOW_PLAIN_HTTP = "allowPlainHttp";
    static final String SIGN_IN_ROUTE = "signInRoute";
    static final String ROUTE_TARGET = "routeTarget";
    static final String FORWARD_HINTS = "forwardHints";
    static final String SIGN_UP_SCREEN_HINT = "signUpScreenHint";
    static final String PKCE = "pkceEnabled";
    static final String DEFAULT_ORGANIZATION = "defaultOrganization";
    static final String MIRROR_ORGANIZATIONS = "mirrorOrganizations";
    static final String CONNECT_TIMEOUT = "connectTimeoutMillis";
    static final String READ_TIMEOUT = "readTimeoutMillis";
    static final String REQUEST_BUDGET = "requestBudgetMillis";
    static final String MAX_IN_FLIGHT = "maxInFlight";
    static final String CIRCUIT_FAILURES = "circuitFailures";
    static final String CIRCUIT_COOL_DOWN = "circuitCoolDownSeconds";

    /** How hosted sign-in starts at WorkOS. */
    public enum SignInRoute { AUTHKIT, ORGANIZATION, CONNECTION }

    public WorkOsIdentityProviderConfig() {
    }

    public WorkOsIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    public String getWorkOsClientId() {
        return get(CLIENT_ID, null);
    }

    /** The API key as configured: a literal or a {@code ${vault.key}} reference, resolved by the caller. */
    public String getApiKeyReference() {
        return get(API_KEY, null);
    }

    public String getApiBaseUrl() {
        return get(API_BASE_URL, WorkOsSettings.PRODUCTION_BASE_URL);
    }

    /** Whether the API key may go over plain http to a host that is not a loopback address (development only). */
    public boolean isAllowPlainHttp() {
        return Boolean.parseBoolean(get(ALLOW_PLAIN_HTTP, "false"));
    }

    /** Why the pack must not call WorkOS with these settings, or null: see {@link ApiBaseUrlRule}. */
    String apiBaseUrlRefusal() {
        return ApiBaseUrlRule.refusal(getConfig().get(API_BASE_URL), isAllowPlainHttp());
    }

    /**
     * Keycloak calls this when the admin REST API (or the console) creates or updates the provider, and when a realm
     * is imported; its {@code IdentityProvidersResource} answers an {@link IllegalArgumentException} with HTTP 400 and
     * the message.
     */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        String refusal = apiBaseUrlRefusal();
        if (refusal == null) {
            refusal = numbersRefusal();
        }
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** Why a number setting cannot be used as saved, or null: each must be a whole number of at least 1. */
    String numbersRefusal() {
        for (String key : new String[] {CONNECT_TIMEOUT, READ_TIMEOUT, REQUEST_BUDGET, MAX_IN_FLIGHT, CIRCUIT_FAILURES,
                CIRCUIT_COOL_DOWN}) {
            String value = get(key, null);
            if (value == null) {
                continue;
            }
            try {
                if (Long.parseLong(value.trim()) >= 1) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            return "WorkOS setting " + key + " must be a whole number of at least 1, not '" + value + "'";
        }
        return null;
    }

    public SignInRoute getSignInRoute() {
        String value = get(SIGN_IN_ROUTE, SignInRoute.AUTHKIT.name());
        try {
            return SignInRoute.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SignInRoute.AUTHKIT;
        }
    }

    /** The WorkOS organization or connection id for those routes. */
    public String getRouteTarget() {
        return get(ROUTE_TARGET, null);
    }

    public boolean isForwardHints() {
        return Boolean.parseBoolean(get(FORWARD_HINTS, "true"));
    }

    public boolean isSignUpScreenHint() {
        return Boolean.parseBoolean(get(SIGN_UP_SCREEN_HINT, "true"));
    }

    public boolean isPkce() {
        return Boolean.parseBoolean(get(PKCE, "true"));
    }

    /**
     * Whether WorkOS organizations and memberships are mirrored into the realm's Keycloak Organizations (when the
     * realm has Organizations on); default true.
     */
    public boolean isMirrorOrganizations() {
        return Boolean.parseBoolean(get(MIRROR_ORGANIZATIONS, "true"));
    }

    /** The organization chosen when neither the client nor the request decides. */
    public String getDefaultOrganization() {
        return get(DEFAULT_ORGANIZATION, null);
    }

    public Duration getConnectTimeout() {
        return millis(CONNECT_TIMEOUT, WorkOsSettings.DEFAULT_CONNECT_TIMEOUT);
    }

    public Duration getReadTimeout() {
        return millis(READ_TIMEOUT, WorkOsSettings.DEFAULT_READ_TIMEOUT);
    }

    /** The bulkhead, circuit and request budget of this node's WorkOS calls; each number falls back on its default. */
    public WorkOsLimits getLimits() {
        return new WorkOsLimits((int) number(MAX_IN_FLIGHT, WorkOsLimits.DEFAULT_MAX_IN_FLIGHT),
                (int) number(CIRCUIT_FAILURES, WorkOsLimits.DEFAULT_CIRCUIT_FAILURES),
                Duration.ofSeconds(number(CIRCUIT_COOL_DOWN, WorkOsLimits.DEFAULT_CIRCUIT_COOL_DOWN.toSeconds())),
                millis(REQUEST_BUDGET, WorkOsLimits.DEFAULT_REQUEST_BUDGET));
    }

    private long number(String key, long fallback) {
        String value = get(key, null);
        try {
            long number = value == null ? fallback : Long.parseLong(value.trim());
            return number >= 1 && number <= Integer.MAX_VALUE ? number : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Duration millis(String key, Duration fallback) {
        String value = get(key, null);
        try {
            return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private String get(String key, String fallback) {
        String value = getConfig().get(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
