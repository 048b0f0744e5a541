package io.tes.keycloak.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The emulator's own control route, for tests in another process and for people:
 * <ul>
 *   <li>{@code PUT /__emulator/faults/{endpoint}} with {@code latency_ms}, {@code status}, {@code retry_after},
 *       {@code malformed}, {@code drop}, {@code times}; {@code DELETE} one or all faults;</li>
 *   <li>{@code GET} and {@code DELETE /__emulator/calls}: the call log;</li>
 *   <li>{@code GET /__emulator/outbox}: the emails WorkOS would have sent (password resets, verification codes);</li>
 *   <li>{@code GET} and {@code PUT /__emulator/settings}: {@code email_verification_required},
 *       {@code mfa_required}, {@code password_reset_url}, each optional (a partial update);</li>
 *   <li>{@code PUT /__emulator/webhook} with {@code url} and {@code secret} (null {@code url}: no webhook), and
 *       {@code GET}: the URL and the deliveries so far;</li>
 *   <li>{@code POST /__emulator/webhook/{event id}}: sends a recorded event to the webhook again.</li>
 * </ul>
 */
final class AdminApi {

    static final String PREFIX = "/__emulator/";

    private final EmulatorState state;
    private final Faults faults;
    private final CallLog calls;

    AdminApi(EmulatorState state, Faults faults, CallLog calls) {
        this.state = state;
        this.faults = faults;
        this.calls = calls;
    }

    ApiResponse handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/");
        String resource = parts[0];
        String name = parts.length > 1 ? parts[1] : null;
        try {
            if ("faults".equals(resource)) {
                return faults(method, name, exchange);
            }
            if ("calls".equals(resource) && "GET".equals(method)) {
                List<Object> log = calls.all().stream().map(call -> (Object) Json.object("endpoint",
                        call.endpoint().key(), "grant_type", call.grantType(), "status", call.status(),
                        "at", call.at().toString())).toList();
                return ApiResponse.json(200, Json.object("data", log));
            }
            if ("calls".equals(resource) && "DELETE".equals(method)) {
                calls.clear();
                return ApiResponse.json(200, Json.object("cleared", true));
            }
            if ("outbox".equals(resource) && "GET".equals(method)) {
                return ApiResponse.json(200, Json.object("data", List.copyOf(state.outbox)));
            }
            if ("webhook".equals(resource)) {
                return webhook(method, name, exchange);
            }
            if ("settings".equals(resource) && "GET".equals(method)) {
                return ApiResponse.json(200, state.settings());
            }
            if ("settings".equals(resource) && "PUT".equals(method)) {
                return settings(body(exchange));
            }
        } catch (JsonProcessingException e) {
            return Json.codeError(400, "invalid_request", "The body is not valid JSON.");
        } catch (IllegalArgumentException e) {
            return Json.codeError(400, "invalid_request", "Unknown endpoint or bad fault: " + e.getMessage());
        }
        return Json.codeError(404, "not_found", "No such admin route.");
    }

    private ApiResponse settings(JsonNode body) {
        for (String flag : List.of("email_verification_required", "mfa_required")) {
            if (body.has(flag) && !body.get(flag).isBoolean()) {
                return Json.codeError(400, "invalid_request", flag + " must be true or false.");
            }
        }
        if (body.has("email_verification_required")) {
            state.emailVerificationRequired = body.get("email_verification_required").asBoolean();
        }
        if (body.has("mfa_required")) {
            state.mfaRequired = body.get("mfa_required").asBoolean();
        }
        if (body.hasNonNull("password_reset_url")) {
            state.passwordResetUrl = body.get("password_reset_url").asText();
        }
        return ApiResponse.json(200, state.settings());
    }

    private ApiResponse webhook(String method, String eventId, HttpExchange exchange) throws IOException {
        if ("GET".equals(method) && eventId == null) {
            Map<String, Object> answer = state.events.webhookSettings();
            answer.put("deliveries", state.events.deliveries().stream().map(delivery -> (Object) Json.object(
                    "event_id", delivery.eventId(), "status", delivery.status(), "at", delivery.at().toString()))
                    .toList());
            return ApiResponse.json(200, answer);
        }
        if ("PUT".equals(method) && eventId == null) {
            JsonNode body = body(exchange);
            String url = body.hasNonNull("url") ? body.get("url").asText() : null;
            if (url != null && !body.hasNonNull("secret")) {
                return Json.codeError(400, "invalid_request", "secret is required with a url.");
            }
            state.events.webhook(url, url == null ? null : body.get("secret").asText());
            return ApiResponse.json(200, state.events.webhookSettings());
        }
        if ("POST".equals(method) && eventId != null) {
            try {
                state.events.redeliver(eventId);
            } catch (IllegalStateException e) {
                return Json.codeError(409, "no_webhook", "No webhook is set.");
            }
            return ApiResponse.json(202, Json.object("redelivered", eventId));
        }
        return Json.codeError(404, "not_found", "No such admin route.");
    }

    private ApiResponse faults(String method, String name, HttpExchange exchange) throws IOException {
        if ("DELETE".equals(method) && name == null) {
            faults.clearAll();
            return ApiResponse.json(200, Json.object("cleared", "all"));
        }
        if (name == null) {
            throw new IllegalArgumentException("an endpoint name is required");
        }
        Endpoint endpoint = Endpoint.fromKey(name);
        if ("DELETE".equals(method)) {
            faults.clear(endpoint);
            return ApiResponse.json(200, Json.object("cleared", endpoint.key()));
        }
        if (!"PUT".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("use PUT or DELETE");
        }
        JsonNode body = body(exchange);
        Fault fault = new Fault(body.path("latency_ms").asLong(0), body.path("status").asInt(0),
                body.path("retry_after").asInt(0), body.path("malformed").asBoolean(false),
                body.path("drop").asBoolean(false), body.path("times").asInt(-1));
        faults.set(endpoint, fault);
        return ApiResponse.json(200, Map.of("endpoint", endpoint.key(), "fault", Json.MAPPER.valueToTree(fault)));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return raw.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(raw);
    }
}
