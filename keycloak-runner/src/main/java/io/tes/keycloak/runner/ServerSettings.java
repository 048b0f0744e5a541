package io.tes.keycloak.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tes.keycloak.emulator.WorkOsEmulator;

/**
 * How to start Keycloak: where the distribution is, what goes into {@code providers/} and {@code data/import/},
 * ports, the bootstrap admin, environment variables for realm placeholders, secrets for Keycloak's file vault, and
 * where its log goes.
 *
 * <p>Without {@link Builder#optimized(Path)} Keycloak runs in dev mode ({@code start-dev}, a fresh H2 database per
 * start). With it, Keycloak runs as in production, as the Docker image does: the build options file becomes
 * {@code conf/keycloak.conf}, {@code kc.sh build} runs when the options or the providers changed, and
 * {@code kc.sh start --optimized} serves plain HTTP on loopback with the database given by
 * {@link Builder#database(String, String, String)}, whose data outlives a restart.
 */
public record ServerSettings(Path home, List<Path> providerJars, List<Path> realmFiles, String host, int httpPort,
        int managementPort, String adminUser, String adminPassword, Map<String, String> environment,
        Path vaultDir, Map<String, String> vaultFiles, List<String> extraArguments, Path logFile, PrintStream echo,
        Path buildOptions, String hostname) {

    /** Whether Keycloak runs built and optimized ({@code kc.sh start --optimized}) rather than in dev mode. */
    public boolean optimized() {
        return buildOptions != null;
    }

    /**
     * The public URL an optimized server names itself by (issuer, redirects, form actions): the one given to
     * {@link Builder#hostname(String)}, else its own address. Nodes of one cluster share one, as behind a load
     * balancer, so a token one node issued is valid at the others.
     */
    public String publicUrl() {
        return hostname != null ? hostname : "http://" + host + ":" + httpPort;
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** Builds settings; ports default to free ones, the admin to {@code admin}/{@code admin}. */
    public static final class Builder {
        private final Path home;
        private final List<Path> providerJars = new ArrayList<>();
        private final List<Path> realmFiles = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> vaultFiles = new LinkedHashMap<>();
        private final List<String> extraArguments = new ArrayList<>();
        private final String host = "127.0.0.1";
        private int httpPort;
        private int managementPort;
        private String adminUser = "admin";
        private String adminPassword = "admin";
        private Path logFile;
        private PrintStream echo;
        private Path buildOptions;
        private String hostname;

        private Builder(Path home) {
            this.home = home;
            this.logFile = home.resolve("keycloak.log");
        }

        public Builder providerJar(Path jar) {
            providerJars.add(jar);
            return this;
        }

        public Builder realmFile(Path realm) {
            realmFiles.add(realm);
            return this;
        }

        public Builder httpPort(int port) {
            httpPort = port;
            return this;
        }

        public Builder managementPort(int port) {
            managementPort = port;
            return this;
        }

        public Builder admin(String user, String password) {
            adminUser = user;
            adminPassword = password;
            return this;
        }

        /** An environment variable for Keycloak, e.g. one a realm placeholder {@code ${NAME}} reads. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * Points the tes realm's WorkOS provider here: the placeholders {@code WORKOS_API_BASE_URL} and
         * {@code WORKOS_CLIENT_ID}, and the API key in the vault, where the provider reads
         * {@code ${vault.workos_api_key}}.
         */
        public Builder workOs(WorkOsEmulator emulator) {
            return workOs(emulator.baseUrl(), emulator.clientId(), emulator.apiKey());
        }

        /** As {@link #workOs(WorkOsEmulator)}, for any WorkOS. */
        public Builder workOs(String apiBaseUrl, String clientId, String apiKey) {
            return env("WORKOS_API_BASE_URL", apiBaseUrl).env("WORKOS_CLIENT_ID", clientId)
                    .vaultSecret(TesRealm.NAME, TesRealm.VAULT_API_KEY, apiKey);
        }

        /** The tes realm's placeholders for its browser clients' one redirect URI and one post-logout URI. */
        public Builder app(String redirectUri, String postLogoutRedirectUri) {
            return env(TesRealm.REDIRECT_URI, redirectUri).env(TesRealm.POST_LOGOUT_REDIRECT_URI,
                    postLogoutRedirectUri);
        }

        /** The tes realm's placeholder for its browser clients' one back-channel logout URL. */
        public Builder backChannelLogout(String url) {
            return env(TesRealm.BACKCHANNEL_LOGOUT_URI, url);
        }

        /**
         * {@link #app} with the demo app's URIs ({@code http://localhost:3000/callback}, {@code .../}) and its
         * back-channel logout URL ({@code .../backchannel-logout}).
         */
        public Builder demoApp() {
            return app(TesRealm.DEMO_REDIRECT_URI, TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI)
                    .backChannelLogout(TesRealm.DEMO_BACKCHANNEL_LOGOUT_URI);
        }

        /**
         * A secret in Keycloak's file vault, read by {@code ${vault.<key>}} in that realm. With any, Keycloak starts
         * with the file vault on {@code data/vault} of the distribution (as in the image), which then holds exactly
         * these secrets.
         */
        public Builder vaultSecret(String realm, String key, String secret) {
            vaultFiles.put(FileVault.fileName(realm, key), secret);
            return this;
        }

        /**
         * Production mode: {@code kc.sh build} with this {@code keycloak.conf} (the Docker image's build options),
         * then {@code kc.sh start --optimized}. The distribution is modified: give it a copy of its own.
         */
        public Builder optimized(Path keycloakConf) {
            buildOptions = keycloakConf;
            return this;
        }

        /** The database for optimized mode; the password goes through the environment, not the command line. */
        public Builder database(String jdbcUrl, String user, String password) {
            return env("KC_DB_URL", jdbcUrl).env("KC_DB_USERNAME", user).env("KC_DB_PASSWORD", password);
        }

        /** Optimized mode: the public URL ({@code --hostname}) in place of the server's own address. */
        public Builder hostname(String url) {
            hostname = url;
            return this;
        }

        public Builder argument(String argument) {
            extraArguments.add(argument);
            return this;
        }

        public Builder logFile(Path file) {
            logFile = file;
            return this;
        }

        /** Also print Keycloak's output here (the local run shows it on the console). */
        public Builder echo(PrintStream stream) {
            echo = stream;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(home, List.copyOf(providerJars), List.copyOf(realmFiles), host,
                    httpPort == 0 ? Ports.free() : httpPort, managementPort == 0 ? Ports.free() : managementPort,
                    adminUser, adminPassword, Map.copyOf(environment), home.resolve("data/vault"),
                    Map.copyOf(vaultFiles), List.copyOf(extraArguments), logFile, echo, buildOptions, hostname);
        }
    }
}
