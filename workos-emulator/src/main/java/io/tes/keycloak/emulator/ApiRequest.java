package io.tes.keycloak.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;

/** One parsed request: query parameters, a JSON or form body, path parameters and the bearer token. */
final class ApiRequest {

    final String method;
    final String path;
    final List<String> pathParams;
    private final Map<String, String> query;
    private final Map<String, Object> body;
    private final String authorization;
    private final String cookieHeader;
    private String rawQuery;

    ApiRequest(String method, String path, List<String> pathParams, Map<String, String> query,
            Map<String, Object> body, String authorization, String cookieHeader) {
        this.cookieHeader = cookieHeader;
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
        this.body = body;
        this.authorization = authorization;
    }

    static ApiRequest read(HttpExchange exchange, List<String> pathParams) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        Map<String, Object> body = new HashMap<>();
        if (!raw.isBlank()) {
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                body.putAll(parseForm(raw));
            } else {
                body.putAll(Json.MAPPER.readValue(raw, new TypeReference<Map<String, Object>>() { }));
            }
        }
        ApiRequest request = new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                pathParams, parseForm(exchange.getRequestURI().getRawQuery()), body,
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Cookie"));
        request.rawQuery = exchange.getRequestURI().getRawQuery();
        return request;
    }

    /** Every value of a repeated query parameter, such as {@code events[]}, in order. */
    List<String> queryValues(String name) {
        List<String> values = new java.util.ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name) && eq >= 0) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Whether the body names the field, even as null (a {@code PUT} that clears it). */
    boolean hasBodyField(String name) {
        return body.containsKey(name);
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A body field, else a query parameter; null when absent or blank. */
    String param(String name) {
        Object value = body.containsKey(name) ? body.get(name) : query.get(name);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.isBlank() ? null : text;
    }

    Object bodyValue(String name) {
        return body.get(name);
    }

    /** A cookie the browser sent; null when absent. */
    String cookie(String name) {
        if (cookieHeader == null) {
            return null;
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    String bearerToken() {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
