package io.tes.keycloak.it;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares realm representations by containment: {@link #missing} lists the paths of everything in one document
 * that another does not hold with the same value. Arrays are compared as sets (an element matches any element of
 * the other array that contains it), because Keycloak does not keep the order of multivalued settings, components
 * or mappers between an import and an export; ids are compared like any other value, as imports keep them. An
 * empty array or object counts as present when it is missing: exports leave empty collections out.
 * Paths name array elements by their clientId, alias, name or username; values are never printed (they may be
 * secrets); members of arrays of plain values (roles, URIs, scope names) are.
 */
final class RealmJson {

    private static final String[] LABELS = {"clientId", "alias", "name", "username", "authenticator", "flowAlias",
            "executor", "condition"};

    private RealmJson() {
    }

    /** The paths of {@code expected} that {@code actual} lacks or holds with another value. */
    static List<String> missing(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        collect(expected, actual, "", out);
        return out;
    }

    private static void collect(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(path);
                return;
            }
            expected.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (actual.has(field.getKey())) {
                    collect(field.getValue(), actual.get(field.getKey()), child, out);
                } else if (!(field.getValue().isContainerNode() && field.getValue().isEmpty())) {
                    out.add(child);
                }
            });
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(path);
                return;
            }
            for (JsonNode element : expected) {
                collectElement(element, actual, path, out);
            }
        } else if (!expected.asText().equals(actual.asText()) || actual.isContainerNode()) {
            out.add(path);
        }
    }

    private static void collectElement(JsonNode element, JsonNode actual, String path, List<String> out) {
        JsonNode sameLabel = null;
        for (JsonNode candidate : actual) {
            if (missing(element, candidate).isEmpty()) {
                return;
            }
            if (label(element) != null && label(element).equals(label(candidate))) {
                sameLabel = candidate;
            }
        }
        String child = path + "[" + (label(element) == null ? "?" : label(element)) + "]";
        if (sameLabel == null || !element.isContainerNode()) {
            out.add(element.isContainerNode() ? child : path + "[" + element.asText() + "]");
        } else {
            collect(element, sameLabel, child, out);
        }
    }

    private static String label(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        for (String key : LABELS) {
            if (node.hasNonNull(key)) {
                return node.get(key).asText() + (node.has("subType") ? "/" + node.get("subType").asText() : "");
            }
        }
        return null;
    }
}
