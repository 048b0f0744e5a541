package io.tes.keycloak.tools.permissions;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tes.keycloak.permissions.Permission;

/**
 * TES's role → permissions map as JSON, the shape of its {@code permissions.js} exported with
 * {@code JSON.stringify(map, null, 2)}: one object, a role name to a list of {@code action:entity:scope} strings.
 * Every permission is checked with the mapper's own grammar ({@link Permission}); every problem is reported with the
 * line of the JSON that holds it, all of them at once, and nothing is returned while one remains.
 */
final class PermissionsFile {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PermissionsFile() {
    }

    /** The roles' permissions in file order, each list canonical, sorted and without duplicates. */
    static Map<String, List<String>> parse(String name, Reader reader) throws IOException, MalformedFile {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> roles = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFile(List.of(problem(name, parser, "expected an object of role names to lists "
                        + "of permissions")));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String role = parser.currentName();
                int roleLine = line(parser);
                if (role.isBlank()) {
                    problems.add(problem(name, roleLine, "a role name is blank"));
                } else if (roles.containsKey(role)) {
                    problems.add(problem(name, roleLine, "role '" + role + "' is listed twice"));
                }
                roles.put(role, permissions(name, role, parser, problems));
            }
            if (parser.nextToken() != null) {
                problems.add(problem(name, parser, "unexpected content after the object"));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(problem(name, line, "not valid JSON: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("")));
        }
        if (!problems.isEmpty()) {
            throw new MalformedFile(problems);
        }
        return roles;
    }

    private static List<String> permissions(String name, String role, JsonParser parser, List<String> problems)
            throws IOException {
        TreeSet<String> permissions = new TreeSet<>();
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            problems.add(problem(name, parser, "role '" + role + "': expected a list of permissions"));
            parser.skipChildren();
            return List.of();
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                try {
                    permissions.add(Permission.parse(parser.getText()).toString());
                } catch (IllegalArgumentException e) {
                    problems.add(problem(name, parser, "role '" + role + "': " + e.getMessage()));
                }
            } else {
                problems.add(problem(name, parser, "role '" + role + "': a permission must be a string"));
                parser.skipChildren();
            }
        }
        return List.copyOf(permissions);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String problem(String name, JsonParser parser, String text) {
        return problem(name, line(parser), text);
    }

    private static String problem(String name, int line, String text) {
        return name + ":" + line + ": " + text;
    }

    /** The file's problems, each as {@code file:line: what is wrong}. */
    static final class MalformedFile extends Exception {

        private final List<String> problems;

        MalformedFile(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
