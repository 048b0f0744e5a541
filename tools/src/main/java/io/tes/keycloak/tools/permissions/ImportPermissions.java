package io.tes.keycloak.tools.permissions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Imports TES's {@code permissions.js} (exported to JSON) into Keycloak: each role's multi-valued
 * {@code permissions} attribute, which the permissions mapper reads. Checks the whole file first, then that every
 * role exists (or creates it with {@code --create-missing}), and writes only when both pass. Exit status: 0 done,
 * 1 Keycloak refused or failed, 2 bad arguments or a malformed file, 3 roles missing.
 */
public final class ImportPermissions {

    static final int DONE = 0;
    static final int KEYCLOAK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int ROLES_MISSING = 3;

    private ImportPermissions() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the import; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of(args).contains("--help")) {
            out.println(Options.USAGE);
            return args.length == 0 ? BAD_INPUT : DONE;
        }
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            return BAD_INPUT;
        }
        Map<String, List<String>> wanted;
        try (Reader reader = Files.newBufferedReader(options.file(), StandardCharsets.UTF_8)) {
            wanted = PermissionsFile.parse(options.file().getFileName().toString(), reader);
        } catch (PermissionsFile.MalformedFile e) {
            e.problems().forEach(problem -> err.println("error: " + problem));
            err.println("Nothing was written.");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("error: cannot read " + options.file() + ": " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            return apply(options, wanted, out, err);
        } catch (AdminApi.AdminApiException | IOException e) {
            err.println("error: " + e.getMessage());
            return KEYCLOAK_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return KEYCLOAK_FAILED;
        }
    }

    private static int apply(Options options, Map<String, List<String>> wanted, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        AdminApi api = new AdminApi(options);
        api.connect();
        Map<String, Optional<ObjectNode>> current = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String role : wanted.keySet()) {
            Optional<ObjectNode> found = api.role(role);
            current.put(role, found);
            if (found.isEmpty()) {
                missing.add(role);
            }
        }
        String where = options.clientRoles() == null ? "realm " + options.realm()
                : "client " + options.clientRoles() + " of realm " + options.realm();
        if (!missing.isEmpty() && !options.createMissing()) {
            err.println("error: " + where + " has no role " + String.join(", ", missing)
                    + ": create them first, or pass --create-missing. Nothing was written.");
            return ROLES_MISSING;
        }
        String prefix = options.dryRun() ? "would " : "";
        for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
            String role = entry.getKey();
            List<String> permissions = entry.getValue();
            Optional<ObjectNode> found = current.get(role);
            if (found.isEmpty()) {
                if (!options.dryRun()) {
                    api.create(role, permissions);
                }
                out.println(prefix + "create " + role + ": " + permissions);
                continue;
            }
            List<String> before = AdminApi.permissions(found.get());
            if (before.stream().sorted().toList().equals(permissions)) {
                out.println("unchanged " + role + ": " + permissions);
                continue;
            }
            if (!options.dryRun()) {
                api.update(found.get(), permissions);
            }
            out.println(prefix + "update " + role + ": " + before + " -> " + permissions);
        }
        out.println((options.dryRun() ? "Dry run: nothing written for " : "Imported ") + wanted.size()
                + " roles into " + where + ".");
        return DONE;
    }
}
