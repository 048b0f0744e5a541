package io.tes.keycloak.benchmark;

import java.nio.file.Path;
import java.util.UUID;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.runner.ServerSettings;

/** The WorkOS emulator and one Keycloak with the pack and the tes realm, as the benchmarks' Maven profile sets. */
final class BenchmarkServer implements AutoCloseable {

    final WorkOsEmulator workos;
    final KeycloakServer keycloak;

    private BenchmarkServer(WorkOsEmulator workos, KeycloakServer keycloak) {
        this.workos = workos;
        this.keycloak = keycloak;
    }

    static BenchmarkServer start() {
        WorkOsEmulator workos = WorkOsEmulator.start(Seed.demo(), 0);
        try {
            return new BenchmarkServer(workos, KeycloakServer.start(ServerSettings.builder(path("tes.keycloak.home"))
                    .providerJar(path("tes.providers.jar")).realmFile(path("tes.realm.file"))
                    .logFile(path("tes.keycloak.log"))
                    .env("WORKOS_API_BASE_URL", workos.baseUrl()).env("WORKOS_API_KEY", workos.apiKey())
                    .env("WORKOS_CLIENT_ID", workos.clientId())
                    .env("TES_BACKEND_CLIENT_SECRET", UUID.randomUUID().toString()).build()));
        } catch (RuntimeException e) {
            workos.close();
            throw e;
        }
    }

    /** Whether this benchmark runs: all do, unless {@code -Dtes.benchmark=sign-in,permissions} picks some. */
    static boolean selected(String name) {
        String chosen = System.getProperty("tes.benchmark", "");
        return chosen.isBlank() || java.util.Arrays.asList(chosen.split(",")).contains(name);
    }

    /** Where a report goes: beside Keycloak's log under the module's target/. */
    static Path report(String fileName) {
        return path("tes.keycloak.log").resolveSibling(fileName);
    }

    private static Path path(String property) {
        return Path.of(System.getProperty(property));
    }

    @Override
    public void close() {
        keycloak.close();
        workos.close();
    }
}
