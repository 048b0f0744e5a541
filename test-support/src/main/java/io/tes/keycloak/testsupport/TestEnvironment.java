package io.tes.keycloak.testsupport;

import java.nio.file.Path;
import java.util.UUID;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;
import io.tes.keycloak.runner.TesRealm;

/**
 * The WorkOS emulator with the demo data and one Keycloak in dev mode with the pack and the tes realm, as the
 * integration tests and the benchmarks run them. Where things are comes from the system properties their Maven
 * builds set: {@code tes.keycloak.home}, {@code tes.providers.jar}, {@code tes.realm.file}, {@code tes.keycloak.log}.
 * The realm gets what a deployment gives it: the WorkOS API key in Keycloak's file vault under {@link #VAULT_API_KEY}
 * (folder {@code ServerSettings#vaultDir()}), and the demo app's exact redirect and post-logout URIs.
 */
public final class TestEnvironment implements AutoCloseable {

    public static final String REALM = TesRealm.NAME;
    /** The vault key that holds the WorkOS API key: {@code ${vault.workos_api_key}}. */
    public static final String VAULT_API_KEY = TesRealm.VAULT_API_KEY;
    /**
     * The pack's limit of WorkOS attempts per client address (server option {@code address-max-attempts} of the SPI
     * {@code tes-throttle}): every test comes from 127.0.0.1, so the shared server's limit is far above what a whole
     * run does; the per-email limits stay the realms' own.
     */
    public static final int ADDRESS_MAX_ATTEMPTS = 10_000;
    /** How often the shared server reads WorkOS's events (option {@code poll-seconds} of {@code tes-workos-events}). */
    public static final int EVENTS_POLL_SECONDS = 2;
    /** The longest wait after failed event polls ({@code backoff-max-seconds}). */
    public static final int EVENTS_BACKOFF_MAX_SECONDS = 8;
    /** The vault key of the WorkOS webhook's secret, the consumer's default {@code webhook-secret-vault-key}. */
    public static final String VAULT_WEBHOOK_SECRET = "workos_webhook_secret";
    /** The webhook secret of realm {@code tes} on the shared server. */
    public static final String WEBHOOK_SECRET = "whsec_it_" + UUID.randomUUID();

    public final WorkOsEmulator workos;
    public final KeycloakServer keycloak;
    /** The {@code tes-backend} client's secret (realm placeholder {@code TES_BACKEND_CLIENT_SECRET}). */
    public final String backendSecret;
    public final KeycloakAdmin admin;

    private TestEnvironment(WorkOsEmulator workos, KeycloakServer keycloak, String backendSecret) {
        this.workos = workos;
        this.keycloak = keycloak;
        this.backendSecret = backendSecret;
        this.admin = new KeycloakAdmin(keycloak);
    }

    /**
     * The demo clients' back-channel logout URL in the tests: a loopback port free when the run starts, where a test
     * that checks back-channel logout starts its receiver; while none listens, Keycloak logs the refused connection.
     */
    public static final String BACKCHANNEL_LOGOUT_URL = "http://127.0.0.1:" + freePort() + "/backchannel-logout";

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts both; they stop on {@link #close()} or, at the latest, when the JVM ends. */
    public static TestEnvironment start() {
        WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0);
        String backendSecret = "it-" + UUID.randomUUID();
        try {
            KeycloakServer keycloak = KeycloakServer.start(ServerSettings.builder(path("tes.keycloak.home"))
                    .providerJar(path("tes.providers.jar"))
                    .realmFile(path("tes.realm.file"))
                    .logFile(path("tes.keycloak.log"))
                    .workOs(workos)
                    .demoApp()
                    .backChannelLogout(BACKCHANNEL_LOGOUT_URL)
                    .env("TES_BACKEND_CLIENT_SECRET", backendSecret)
                    .argument("--spi-tes-throttle--default--address-max-attempts=" + ADDRESS_MAX_ATTEMPTS)
                    .argument("--spi-tes-workos-events--default--poll-seconds=" + EVENTS_POLL_SECONDS)
                    .argument("--spi-tes-workos-events--default--backoff-max-seconds=" + EVENTS_BACKOFF_MAX_SECONDS)
                    .vaultSecret(REALM, VAULT_WEBHOOK_SECRET, WEBHOOK_SECRET)
                    .build());
            workos.passwordResetUrl(keycloak.realmUrl(REALM) + "/tes-password-reset");
            TestEnvironment started = new TestEnvironment(workos, keycloak, backendSecret);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tes-test-environment-stop"));
            return started;
        } catch (RuntimeException e) {
            workos.close();
            throw new IllegalStateException("Cannot start the test environment", e);
        }
    }

    /** A path the Maven build passes as a system property. */
    public static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run through Maven");
        }
        return Path.of(value);
    }

    @Override
    public void close() {
        keycloak.close();
        workos.close();
    }
}
