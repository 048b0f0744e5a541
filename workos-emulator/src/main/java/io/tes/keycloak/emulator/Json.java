package io.tes.keycloak.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON reading and writing, and the two error shapes WorkOS answers with. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** An ordered JSON object from alternating keys and values; null values are kept as JSON null. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain shape: {@code {"code": ..., "message": ...}} plus extra fields. */
    static ApiResponse codeError(int status, String code, String message, Object... extra) {
        Map<String, Object> body = object("code", code, "message", message);
        body.putAll(object(extra));
        return ApiResponse.json(status, body);
    }

    /** The OAuth shape: {@code {"error": ..., "error_description": ...}} plus extra fields. */
    static ApiResponse oauthError(int status, String error, String description, Object... extra) {
        Map<String, Object> body = object("error", error, "error_description", description);
        body.putAll(object(extra));
        return ApiResponse.json(status, body);
    }
}
