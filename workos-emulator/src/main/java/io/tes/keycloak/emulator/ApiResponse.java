package io.tes.keycloak.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, headers and a body. */
final class ApiResponse {

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;

    private ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, "application/json", Json.write(body));
    }

    static ApiResponse html(int status, String html) {
        return new ApiResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse raw(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse redirect(String location) {
        ApiResponse response = new ApiResponse(302, null, new byte[0]);
        response.headers.put("Location", location);
        return response;
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
