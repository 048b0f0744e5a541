package io.tes.keycloak.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The hosted sign-in page, {@code /user_management/authorize}: an HTML form (sign-in, or sign-up with
 * {@code screen_hint=sign-up}) that redirects back to {@code redirect_uri} with a single-use {@code code} and the
 * {@code state}.
 */
final class AuthorizePage {

    /** The authorize parameters carried from the GET to the form post. */
    private static final List<String> CARRIED = List.of("client_id", "redirect_uri", "response_type", "state",
            "code_challenge", "code_challenge_method", "provider", "connection_id", "organization_id", "screen_hint");

    private final EmulatorState state;

    AuthorizePage(EmulatorState state) {
        this.state = state;
    }

    ApiResponse show(ApiRequest request) {
        return invalidRequest(request).orElseGet(() -> form(request, null, 200));
    }

    ApiResponse submit(ApiRequest request) {
        Optional<ApiResponse> invalid = invalidRequest(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        boolean signUp = "sign-up".equals(request.param("screen_hint"));
        String email = request.param("email");
        String password = request.param("password");
        Directory.User user;
        if (signUp) {
            if (email == null || !email.contains("@")) {
                return form(request, "Enter a valid email address.", 422);
            }
            if (state.directory.userByEmail(email).isPresent()) {
                return form(request, "This email is not available.", 422);
            }
            if (!Directory.strongEnough(password)) {
                return form(request, "Password does not meet strength requirements.", 422);
            }
            user = state.directory.addUser(new Directory.User(state.directory.nextId("user"), email.trim(), password,
                    request.param("first_name"), request.param("last_name"), false, null, false, state.clock.now()));
        } else {
            Optional<Directory.User> found = state.directory.userByEmail(email)
                    .filter(candidate -> candidate.password.equals(password));
            if (found.isEmpty()) {
                return form(request, "Invalid email or password.", 401);
            }
            user = found.get();
        }
        String organizationId = request.param("organization_id");
        if (organizationId != null && state.directory.membership(user.id, organizationId).isEmpty()) {
            return form(request, "This account is not a member of the requested organization.", 403);
        }
        String code = state.grants.issueCode(user.id, organizationId, request.param("redirect_uri"),
                request.param("code_challenge"));
        String redirectUri = request.param("redirect_uri");
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(encode(code));
        if (request.param("state") != null) {
            location.append("&state=").append(encode(request.param("state")));
        }
        return ApiResponse.redirect(location.toString());
    }

    private Optional<ApiResponse> invalidRequest(ApiRequest request) {
        String problem = null;
        long routes = List.of("provider", "connection_id", "organization_id").stream()
                .filter(name -> request.param(name) != null).count();
        if (!state.clientId.equals(request.param("client_id"))) {
            problem = "Unknown client_id.";
        } else if (request.param("redirect_uri") == null) {
            problem = "redirect_uri is required.";
        } else if (!"code".equals(request.param("response_type"))) {
            problem = "response_type must be code.";
        } else if (routes != 1) {
            problem = "Exactly one of provider, connection_id or organization_id is required.";
        } else if (request.param("provider") != null && !"authkit".equals(request.param("provider"))) {
            problem = "Unsupported provider.";
        } else if (request.param("code_challenge") != null
                && !"S256".equals(request.param("code_challenge_method"))) {
            problem = "code_challenge_method must be S256.";
        }
        return Optional.ofNullable(problem).map(text -> ApiResponse.html(400, page("Invalid request",
                "<p role=\"alert\">" + escape(text) + "</p>")));
    }

    private ApiResponse form(ApiRequest request, String error, int status) {
        boolean signUp = "sign-up".equals(request.param("screen_hint"));
        StringBuilder html = new StringBuilder();
        html.append("<form method=\"post\" action=\"/user_management/authorize\">\n");
        for (String name : CARRIED) {
            if (request.param(name) != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.param(name))).append("\">\n");
            }
        }
        if (error != null) {
            html.append("<p role=\"alert\" class=\"error\">").append(escape(error)).append("</p>\n");
        }
        if (signUp) {
            html.append(field("first_name", "First name", "text", request.param("first_name")));
            html.append(field("last_name", "Last name", "text", request.param("last_name")));
        }
        String email = Optional.ofNullable(request.param("email")).orElse(request.param("login_hint"));
        html.append(field("email", "Email", "email", email));
        html.append(field("password", "Password", "password", null));
        html.append("<button type=\"submit\">").append(signUp ? "Create account" : "Sign in").append("</button>\n");
        html.append("</form>\n");
        return ApiResponse.html(status, page(signUp ? "Create your account" : "Sign in", html.toString()));
    }

    private static String field(String name, String label, String type, String value) {
        return "<p><label for=\"" + name + "\">" + label + "</label><br><input id=\"" + name + "\" name=\"" + name
                + "\" type=\"" + type + "\"" + (value == null ? "" : " value=\"" + escape(value) + "\"")
                + " required></p>\n";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - WorkOS emulator</title></head>\n<body><main>\n<h1>" + escape(title)
                + "</h1>\n<p><small>WorkOS emulator (local development and tests)</small></p>\n" + body
                + "</main></body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
