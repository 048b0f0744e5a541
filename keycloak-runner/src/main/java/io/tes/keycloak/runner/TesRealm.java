package io.tes.keycloak.runner;

/**
 * What {@code realm-export/tes-realm.json} needs from the server that imports it, beyond the WorkOS connection
 * ({@link ServerSettings.Builder#workOs}): the placeholders naming the demo clients' exact URIs and the vault entry
 * its WorkOS provider reads the API key from; and the demo app's values that the local run and the tests give them.
 */
public final class TesRealm {

    public static final String NAME = "tes";
    /** Placeholder: the one redirect URI of the browser clients tes-web, globex-web and tes-portal. */
    public static final String REDIRECT_URI = "TES_APP_REDIRECT_URI";
    /** Placeholder: their one post-logout redirect URI. */
    public static final String POST_LOGOUT_REDIRECT_URI = "TES_APP_POST_LOGOUT_REDIRECT_URI";
    /** Placeholder: their one back-channel logout URL (OIDC Back-Channel Logout: Keycloak posts a logout token). */
    public static final String BACKCHANNEL_LOGOUT_URI = "TES_APP_BACKCHANNEL_LOGOUT_URI";
    /** The vault key of the WorkOS API key: the realm's provider says {@code ${vault.workos_api_key}}. */
    public static final String VAULT_API_KEY = "workos_api_key";

    /** The demo app of the README, the run command and the tests; nothing needs to listen there. */
    public static final String DEMO_APP = "http://localhost:3000";
    public static final String DEMO_REDIRECT_URI = DEMO_APP + "/callback";
    public static final String DEMO_POST_LOGOUT_REDIRECT_URI = DEMO_APP + "/";
    /** Nothing listens there in the demo: Keycloak logs the refused connection and the logout goes on. */
    public static final String DEMO_BACKCHANNEL_LOGOUT_URI = DEMO_APP + "/backchannel-logout";

    private TesRealm() {
    }
}
