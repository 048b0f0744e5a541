package io.tes.keycloak.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Routes every request: the admin route, then per endpoint the injected fault, the API key check, the handler,
 * and the call log.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    /** What a "malformed body" fault answers: a 200 that is cut off mid-JSON. */
    static final String MALFORMED_BODY = "{\"user\": {\"object\": \"user\", \"id\": ";

    private final EmulatorState state;
    private final Faults faults;
    private final CallLog calls;
    private final AdminApi admin;
    private final Map<Endpoint, Handler> handlers;

    interface Handler {
        ApiResponse handle(ApiRequest request) throws IOException;
    }

    Router(EmulatorState state, Faults faults, CallLog calls) {
        this.state = state;
        this.faults = faults;
        this.calls = calls;
        this.admin = new AdminApi(state, faults, calls);
        SecondSteps steps = new SecondSteps(state);
        AuthorizePage authorize = new AuthorizePage(state, steps);
        MfaApi mfa = new MfaApi(state, steps);
        UsersApi users = new UsersApi(state);
        PasswordResetApi resets = new PasswordResetApi(state);
        Map<Endpoint, Handler> all = new java.util.EnumMap<>(Endpoint.class);
        all.putAll(new LifecycleApi(state).handlers());
        all.putAll(Map.ofEntries(
                Map.entry(Endpoint.AUTHORIZE, authorize::show),
                Map.entry(Endpoint.AUTHORIZE_SUBMIT, authorize::submit),
                Map.entry(Endpoint.AUTHENTICATE, new AuthenticateApi(state, steps)::handle),
                Map.entry(Endpoint.CREATE_USER, users::create),
                Map.entry(Endpoint.LIST_USERS, users::list),
                Map.entry(Endpoint.GET_USER, users::get),
                Map.entry(Endpoint.PASSWORD_RESET, resets::create),
                Map.entry(Endpoint.PASSWORD_RESET_CONFIRM, resets::confirm),
                Map.entry(Endpoint.MEMBERSHIPS, new MembershipsApi(state)::list),
                Map.entry(Endpoint.SEND_EMAIL_VERIFICATION, mfa::sendVerification),
                Map.entry(Endpoint.ENROLL_AUTH_FACTOR, mfa::enroll),
                Map.entry(Endpoint.LIST_AUTH_FACTORS, mfa::list),
                Map.entry(Endpoint.CHALLENGE_FACTOR, mfa::challenge),
                Map.entry(Endpoint.JWKS, this::jwks),
                Map.entry(Endpoint.REVOKE_SESSION, this::revokeSession),
                Map.entry(Endpoint.LOGOUT, this::logout)));
        this.handlers = all;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(AdminApi.PREFIX)) {
                send(exchange, admin.handle(exchange));
                return;
            }
            Optional<Endpoint.Match> match = Endpoint.match(exchange.getRequestMethod(), path);
            if (match.isEmpty()) {
                send(exchange, Json.codeError(404, "not_found", "No such route: " + path));
                return;
            }
            serve(exchange, match.get());
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "Emulator handler failed", e);
            send(exchange, Json.codeError(500, "server_error", "The emulator failed: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, Endpoint.Match match) throws IOException {
        Endpoint endpoint = match.endpoint();
        ApiRequest request;
        try {
            request = ApiRequest.read(exchange, match.pathParams());
        } catch (JsonProcessingException e) {
            calls.record(endpoint, null, 400);
            send(exchange, Json.codeError(400, "invalid_request", "The body is not valid JSON."));
            return;
        }
        String grantType = endpoint == Endpoint.AUTHENTICATE ? request.param("grant_type") : null;
        Optional<Fault> fault = faults.take(endpoint);
        if (fault.isPresent() && fault.get().latencyMillis() > 0) {
            sleep(fault.get().latencyMillis());
        }
        if (fault.isPresent() && fault.get().dropConnection()) {
            calls.record(endpoint, grantType, 0);
            // Closing an exchange before any response headers closes the connection: the client sees it drop.
            exchange.close();
            return;
        }
        ApiResponse response = fault.map(Router::injected).orElse(null);
        if (response == null) {
            response = endpoint.bearerKey && !state.apiKey.equals(request.bearerToken())
                    ? Json.codeError(401, "unauthorized", "Invalid API key.")
                    : invoke(endpoint, request);
        }
        calls.record(endpoint, grantType, response.status);
        send(exchange, response);
    }

    private ApiResponse invoke(Endpoint endpoint, ApiRequest request) throws IOException {
        try {
            return handlers.get(endpoint).handle(request);
        } catch (IllegalArgumentException e) {
            return Json.codeError(400, "invalid_request", "Invalid request parameters.");
        }
    }

    private static ApiResponse injected(Fault fault) {
        if (fault.status() == 429) {
            ApiResponse response = Json.codeError(429, "rate_limit_exceeded", "Too many requests.");
            return fault.retryAfterSeconds() > 0
                    ? response.header("Retry-After", String.valueOf(fault.retryAfterSeconds())) : response;
        }
        if (fault.status() > 0) {
            ApiResponse response = Json.codeError(fault.status(), "server_error", "Injected failure.");
            return fault.retryAfterSeconds() > 0
                    ? response.header("Retry-After", String.valueOf(fault.retryAfterSeconds())) : response;
        }
        return fault.malformedBody() ? ApiResponse.raw(200, "application/json", MALFORMED_BODY) : null;
    }

    private ApiResponse jwks(ApiRequest request) {
        return state.clientId.equals(request.pathParams.get(0))
                ? ApiResponse.json(200, state.keys.jwks())
                : EmulatorState.notFound("Client", request.pathParams.get(0));
    }

    /**
     * Ends the session: its refresh tokens stop working and the browser session it was opened in no longer signs in
     * silently. WorkOS documents no body for the answer; the emulator answers 204. An unknown or already ended session
     * is 404 {@code entity_not_found} (the emulator's choice, as for other unknown ids).
     */
    private ApiResponse revokeSession(ApiRequest request) {
        String sessionId = request.param("session_id");
        if (sessionId == null) {
            return Json.codeError(422, "invalid_request_parameters", "session_id is required.");
        }
        return state.grants.endSession(sessionId) ? ApiResponse.raw(204, null, "")
                : EmulatorState.notFound("Session", sessionId);
    }

    /**
     * The browser's logout: ends the session and WorkOS's browser session, clears its cookie, and redirects to
     * {@code return_to}. An unknown or already revoked session still clears the cookie and redirects, so a browser
     * is never stranded here (WorkOS's documentation is silent on that case).
     */
    private ApiResponse logout(ApiRequest request) {
        state.grants.endSession(request.param("session_id"));
        state.grants.endBrowserSession(request.cookie(AuthorizePage.BROWSER_COOKIE));
        String clear = AuthorizePage.BROWSER_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
        String returnTo = request.param("return_to");
        return (returnTo != null ? ApiResponse.redirect(returnTo)
                : ApiResponse.html(200, "<!DOCTYPE html><html lang=\"en\"><title>Signed out</title><p>Signed out.</p></html>"))
                .header("Set-Cookie", clear);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean empty = response.body.length == 0;
        exchange.sendResponseHeaders(response.status, empty ? -1 : response.body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }
}
