package io.tes.keycloak.it;

import java.util.Arrays;

/**
 * The version of the Keycloak the ITs run on (its server info), for the few expectations where Keycloak itself
 * answers differently between supported minors. The pack's behaviour is never made version-dependent here: only
 * what Keycloak's own endpoints answer.
 */
final class KeycloakVersion {

    private static volatile int[] running;

    private KeycloakVersion() {
    }

    /** Whether the shared Keycloak is older than {@code major.minor} (26.5.6 is older than 26.6). */
    static boolean runningOlderThan(int major, int minor) throws Exception {
        int[] version = running();
        return version[0] < major || version[0] == major && version[1] < minor;
    }

    /** The status Keycloak's own direct grant (ValidatePassword) answers for a wrong password. */
    static int wrongPasswordStatus() throws Exception {
        // Keycloak 26.5's ValidatePassword answers 401 Unauthorized with invalid_grant; 26.7's answers 400 Bad
        // Request, as RFC 6749 section 5.2 says for invalid_grant. (No 26.6 on Maven Central to check.)
        return runningOlderThan(26, 6) ? 401 : 400;
    }

    private static int[] running() throws Exception {
        if (running == null) {
            String version = TesKeycloak.env().admin.get("/serverinfo").path("systemInfo").path("version").asText();
            running = Arrays.stream(version.split("[.-]")).limit(2).mapToInt(Integer::parseInt).toArray();
        }
        return running;
    }
}
