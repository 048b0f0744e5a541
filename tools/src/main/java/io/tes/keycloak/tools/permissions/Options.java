package io.tes.keycloak.tools.permissions;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command line. Secrets may come from the environment instead ({@code KEYCLOAK_ADMIN_PASSWORD},
 * {@code KEYCLOAK_ADMIN_CLIENT_SECRET}), which keeps them out of the shell history and the process list.
 */
record Options(Path file, String url, String realm, String authRealm, String user, String password, String clientId,
        String clientSecret, String clientRoles, boolean createMissing, boolean dryRun) {

    static final String PASSWORD_ENV = "KEYCLOAK_ADMIN_PASSWORD";
    static final String CLIENT_SECRET_ENV = "KEYCLOAK_ADMIN_CLIENT_SECRET";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar tes-permissions-import.jar --file permissions.json --url https://keycloak.example",
            "         (--user admin [--password ...] | --client-id id [--client-secret ...])",
            "         [--realm tes] [--auth-realm master] [--client-roles client-id] [--create-missing] [--dry-run]",
            "",
            "Sets each role's 'permissions' attribute to the file's list (other attributes are kept; roles the file",
            "does not name are not touched). A role the realm lacks is refused unless --create-missing is given.",
            "",
            "  --file            TES's role -> permissions map as JSON: {\"viewer\": [\"read:event:own\"], ...}",
            "  --url             Keycloak's base URL (without /realms/...)",
            "  --realm           the realm whose roles are written (default tes)",
            "  --auth-realm      the realm the admin logs in to (default master)",
            "  --user            an admin user (password grant on admin-cli); password from --password or "
                    + PASSWORD_ENV,
            "  --client-id       or a client with a service account allowed to manage roles (client credentials);",
            "                    secret from --client-secret or " + CLIENT_SECRET_ENV,
            "  --client-roles    write the roles of this client instead of the realm's roles",
            "  --create-missing  create roles the realm lacks instead of refusing the import",
            "  --dry-run         check the file and the roles, print what would change, write nothing");

    /** Parses the arguments; throws {@link IllegalArgumentException} saying what is wrong. */
    static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new java.util.HashMap<>();
        boolean createMissing = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--create-missing" -> createMissing = true;
                case "--dry-run" -> dryRun = true;
                case "--file", "--url", "--realm", "--auth-realm", "--user", "--password", "--client-id",
                        "--client-secret", "--client-roles" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    values.put(arg, args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String file = required(values, "--file");
        String url = required(values, "--url");
        String user = values.get("--user");
        String clientId = values.get("--client-id");
        if ((user == null) == (clientId == null)) {
            throw new IllegalArgumentException("give either --user or --client-id");
        }
        String password = values.getOrDefault("--password", env.get(PASSWORD_ENV));
        String clientSecret = values.getOrDefault("--client-secret", env.get(CLIENT_SECRET_ENV));
        if (user != null && password == null) {
            throw new IllegalArgumentException("--user needs --password or " + PASSWORD_ENV);
        }
        if (clientId != null && clientSecret == null) {
            throw new IllegalArgumentException("--client-id needs --client-secret or " + CLIENT_SECRET_ENV);
        }
        return new Options(Path.of(file), url.replaceAll("/+$", ""), values.getOrDefault("--realm", "tes"),
                values.getOrDefault("--auth-realm", "master"), user, password, clientId, clientSecret,
                values.get("--client-roles"), createMissing, dryRun);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
