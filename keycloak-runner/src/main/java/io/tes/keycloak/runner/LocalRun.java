package io.tes.keycloak.runner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;

/**
 * The run command's entry point ({@code mvn -Prun package}): starts the WorkOS emulator with the demo data (unless
 * {@code WORKOS_API_BASE_URL}, {@code WORKOS_API_KEY} and {@code WORKOS_CLIENT_ID} point at a real WorkOS), then
 * Keycloak in dev mode with the pack and the {@code tes} realm (the API key in its file vault, the demo app's exact
 * URIs), prints where everything is, and runs until Ctrl-C.
 */
public final class LocalRun {

    /** How often the demo run reads WorkOS's events. */
    static final int DEMO_EVENTS_POLL_SECONDS = 5;

    private static final String DEV_BACKEND_SECRET = "tes-backend-local-secret";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int httpPort = intSetting(env, "TES_HTTP_PORT", 8080);
        int managementPort = intSetting(env, "TES_MANAGEMENT_PORT", 9000);
        for (int port : new int[] {httpPort, managementPort}) {
            if (Ports.inUse(port)) {
                System.err.printf("Port %d is in use: is another run still going? Stop it, or set TES_HTTP_PORT /"
                        + " TES_MANAGEMENT_PORT.%n", port);
                System.exit(2);
            }
        }
        boolean realWorkOs = env.containsKey("WORKOS_API_BASE_URL") && env.containsKey("WORKOS_API_KEY")
                && env.containsKey("WORKOS_CLIENT_ID");
        WorkOsEmulator emulator = realWorkOs ? null
                : WorkOsEmulator.start(Seed.demo(), intSetting(env, "TES_EMULATOR_PORT", 8090));
        String adminUser = env.getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String adminPassword = env.getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        String backendSecret = env.getOrDefault("TES_BACKEND_CLIENT_SECRET", DEV_BACKEND_SECRET);
        String redirectUri = env.getOrDefault(TesRealm.REDIRECT_URI, TesRealm.DEMO_REDIRECT_URI);

        ServerSettings.Builder settings = ServerSettings.builder(Path.of(System.getProperty("tes.keycloak.home")))
                .providerJar(Path.of(System.getProperty("tes.providers.jar")))
                .realmFile(Path.of(System.getProperty("tes.realm.file")))
                .httpPort(httpPort).managementPort(managementPort).admin(adminUser, adminPassword)
                .env("TES_BACKEND_CLIENT_SECRET", backendSecret)
                .app(redirectUri, env.getOrDefault(TesRealm.POST_LOGOUT_REDIRECT_URI,
                        TesRealm.DEMO_POST_LOGOUT_REDIRECT_URI))
                .backChannelLogout(env.getOrDefault(TesRealm.BACKCHANNEL_LOGOUT_URI,
                        TesRealm.DEMO_BACKCHANNEL_LOGOUT_URI))
                .logFile(Path.of(System.getProperty("tes.keycloak.log")))
                // WorkOS changes (deleted users, ended memberships, role changes) reach the demo within seconds.
                .argument("--spi-tes-workos-events--default--poll-seconds=" + DEMO_EVENTS_POLL_SECONDS)
                .echo(System.out);
        if (emulator != null) {
            settings.workOs(emulator);
        } else {
            settings.workOs(env.get("WORKOS_API_BASE_URL"), env.get("WORKOS_CLIENT_ID"), env.get("WORKOS_API_KEY"));
        }
        KeycloakServer keycloak = KeycloakServer.start(settings.build());
        if (emulator != null) {
            // WorkOS's reset emails link to the pack's set-new-password page (set in WorkOS's dashboard for real).
            emulator.passwordResetUrl(keycloak.realmUrl("tes") + "/tes-password-reset");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            keycloak.close();
            Optional.ofNullable(emulator).ifPresent(WorkOsEmulator::close);
        }, "tes-local-run-stop"));

        printBanner(httpPort, adminUser, adminPassword, backendSecret, redirectUri, emulator, realWorkOs);
        int exit = keycloak.waitFor();
        System.exit(exit == 0 || exit == 143 ? 0 : exit);
    }

    private static void printBanner(int httpPort, String adminUser, String adminPassword, String backendSecret,
            String redirectUri, WorkOsEmulator emulator, boolean realWorkOs) {
        String base = "http://localhost:" + httpPort;
        String redirect = URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("\n");
        out.append("==============================================================================\n");
        out.append(" TES Keycloak pack is running (Ctrl-C stops everything)\n\n");
        out.append(" Admin console     ").append(base).append("/admin/master/console/#/tes\n");
        out.append(" Admin login       ").append(adminUser).append(" / ").append(adminPassword)
                .append("   (local development default only)\n");
        out.append(" OIDC discovery    ").append(base).append("/realms/tes/.well-known/openid-configuration\n");
        out.append(" Sign in (account) ").append(base).append("/realms/tes/account\n");
        out.append(" Login URL (PKCE)  ").append(base).append("/realms/tes/protocol/openid-connect/auth"
                + "?client_id=tes-portal&response_type=code&scope=openid"
                + "&redirect_uri=" + redirect
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n");
        out.append("                   (tes-portal pins no organization: bob@multi.test gets the organization picker)\n");
        out.append(" Sign-up page      ").append(base).append("/realms/tes/protocol/openid-connect/registrations"
                + "?client_id=tes-portal&response_type=code&scope=openid&redirect_uri=" + redirect + "\n");
        out.append(" tes-backend       client secret ").append(backendSecret).append("\n");
        if (emulator != null) {
            out.append("\n WorkOS emulator   ").append(emulator.baseUrl()).append("  (client id ")
                    .append(emulator.clientId()).append(")\n");
            out.append(" Emulator sign-in  ").append(emulator.baseUrl()).append("/user_management/authorize?client_id=")
                    .append(emulator.clientId()).append("&response_type=code&provider=authkit"
                            + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback\n");
            out.append(" Reset emails      ").append(emulator.baseUrl()).append("/__emulator/outbox  (links of \"Forgot "
                    + "password?\")\n");
            out.append(" Demo WorkOS users ");
            out.append(String.join(", ", Seed.demo().userEmails())).append("  (password Demo-pass-1!)\n");
        } else if (realWorkOs) {
            out.append("\n WorkOS            ").append(System.getenv("WORKOS_API_BASE_URL")).append("\n");
        }
        out.append("==============================================================================\n");
        System.out.println(out);
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
