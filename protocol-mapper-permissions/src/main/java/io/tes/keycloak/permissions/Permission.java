package io.tes.keycloak.permissions;

import java.util.regex.Pattern;

/**
 * One permission, {@code action:entity:scope}: each part lower-case letters, digits, {@code _} or {@code -}, or
 * {@code *} for "any".
 */
public record Permission(String action, String entity, String scope) implements Comparable<Permission> {

    private static final Pattern PART = Pattern.compile("\\*|[a-z0-9_-]+");

    /** Parses one permission; throws {@link IllegalArgumentException} naming the text when it is malformed. */
    public static Permission parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String[] parts = trimmed.split(":", -1);
        if (parts.length != 3 || !PART.matcher(parts[0]).matches() || !PART.matcher(parts[1]).matches()
                || !PART.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not action:entity:scope");
        }
        return new Permission(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return action + ":" + entity + ":" + scope;
    }

    @Override
    public int compareTo(Permission other) {
        return toString().compareTo(other.toString());
    }
}
