package io.tes.keycloak.workos.account;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.util.JsonSerialization;

/**
 * A request body as TES's apps sent it: a JSON object of strings, or a form-encoded body. A field sent twice in a form
 * counts once (its first value). {@code malformed}: the body is not a JSON object, or {@code malformedField} is not a
 * string.
 */
record ApiBody(Map<String, String> fields, boolean form, boolean malformed, String malformedField) {

    static final String CLIENT_ID = "client_id";

    static ApiBody json(String raw) {
        JsonNode tree;
        try {
            tree = raw == null || raw.isBlank() ? null : JsonSerialization.mapper.readTree(raw);
        } catch (IOException notJson) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            return new ApiBody(Map.of(), false, true, null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = tree.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                return new ApiBody(Map.of(), false, true, entry.getKey());
            }
            fields.put(entry.getKey(), value.textValue());
        }
        return new ApiBody(Map.copyOf(fields), false, false, null);
    }

    static ApiBody form(MultivaluedMap<String, String> posted) {
        Map<String, String> fields = new LinkedHashMap<>();
        posted.forEach((name, values) -> {
            if (values != null && !values.isEmpty() && values.get(0) != null) {
                fields.put(name, values.get(0));
            }
        });
        return new ApiBody(Map.copyOf(fields), true, false, null);
    }

    /** The field's value, or null when absent or blank. Not trimmed: passwords are taken as sent. */
    String value(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** An email-like field, trimmed. */
    String trimmed(String name) {
        String value = value(name);
        return value == null ? null : value.trim();
    }

    String clientId() {
        return trimmed(CLIENT_ID);
    }
}
