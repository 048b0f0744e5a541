package io.tes.keycloak.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The hosted sign-in page, {@code /user_management/authorize}: an HTML form (sign-in, or sign-up with
 * {@code screen_hint=sign-up}) that redirects back to {@code redirect_uri} with a single-use {@code code} and the
 * {@code state}. After the password it runs the second steps itself (as AuthKit does): the emailed code, TOTP
 * enrollment or a TOTP challenge, each a form posted to the same route with {@code step},
 * {@code pending_authentication_token} and {@code code}.
 */
final class AuthorizePage {

    /** The authorize parameters carried from the GET to the form post. */
    private static final String EXPIRED = "Your sign-in has expired. Sign in again.";

    /** The cookie of WorkOS's browser session on the hosted page (the emulator's name for it). */
    static final String BROWSER_COOKIE = "wos_browser_session";

    private static final List<String> CARRIED = List.of("client_id", "redirect_uri", "response_type", "state",
            "code_challenge", "code_challenge_method", "provider", "connection_id", "organization_id", "screen_hint");

    private final EmulatorState state;
    private final SecondSteps steps;

    AuthorizePage(EmulatorState state, SecondSteps steps) {
        this.state = state;
        this.steps = steps;
    }

    ApiResponse show(ApiRequest request) {
        Optional<ApiResponse> invalid = invalidRequest(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        // WorkOS's own browser session: while it lives, an authorize without prompt signs in without the password.
        String browser = request.cookie(BROWSER_COOKIE);
        Optional<Directory.User> signedIn = request.param("prompt") != null || "sign-up".equals(
                request.param("screen_hint")) ? Optional.empty()
                : state.grants.browserUser(browser).flatMap(state.directory::user);
        String organizationId = request.param("organization_id");
        if (signedIn.isPresent() && (organizationId == null
                || state.directory.membership(signedIn.get().id, organizationId).isPresent())) {
            return redirectWithCode(request, signedIn.get(), browser);
        }
        return form(request, null, 200);
    }

    ApiResponse submit(ApiRequest request) {
        Optional<ApiResponse> invalid = invalidRequest(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (request.param("step") != null) {
            return secondStep(request);
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
                    request.param("first_name"), request.param("last_name"), false, null, state.clock.now()));
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
        return proceed(request, steps.afterFirstFactor(user, "Password"));
    }

    /** A posted second step: the emailed code (or a request for a new one), or a TOTP code. */
    private ApiResponse secondStep(ApiRequest request) {
        String pending = request.param("pending_authentication_token");
        String step = request.param("step");
        if ("email_verification".equals(step)) {
            Optional<Directory.User> user = steps.pendingUser(pending, Grants.Stage.EMAIL_VERIFICATION);
            if (user.isEmpty()) {
                return form(request, EXPIRED, 400);
            }
            if (request.param("resend") != null) {
                steps.sendCode(user.get());
                return emailPage(request, pending, user.get(), null, "We sent a new code to "
                        + user.get().email + ".", 200);
            }
            SecondSteps.Outcome outcome = steps.verifyEmail(pending, request.param("code"));
            return outcome.refused() ? refusedEmail(request, pending, user.get(), outcome)
                    : proceed(request, outcome.next());
        }
        if ("mfa_enrollment".equals(step) || "mfa_challenge".equals(step)) {
            if (steps.pendingUser(pending, Grants.Stage.MFA).isEmpty()) {
                return form(request, EXPIRED, 400);
            }
            String challengeId = request.param("authentication_challenge_id");
            SecondSteps.Outcome outcome = steps.verifyTotp(pending, challengeId, request.param("code"));
            if (!outcome.refused()) {
                return proceed(request, outcome.next());
            }
            Optional<Factors.Factor> factor = state.factors.challenge(challengeId)
                    .flatMap(challenge -> state.factors.factor(challenge.factorId()));
            if (factor.isEmpty() || SecondSteps.INVALID_PENDING.equals(outcome.code())) {
                return form(request, EXPIRED, 400);
            }
            return totpPage(request, step, pending, factor.get(), challengeId, message(outcome), 400);
        }
        return form(request, "Unknown step.", 400);
    }

    private ApiResponse refusedEmail(ApiRequest request, String pending, Directory.User user,
            SecondSteps.Outcome outcome) {
        return SecondSteps.INVALID_PENDING.equals(outcome.code()) ? form(request, EXPIRED, 400)
                : emailPage(request, pending, user, message(outcome), null, 400);
    }

    private static String message(SecondSteps.Outcome outcome) {
        switch (outcome.code()) {
            case "one_time_code_expired":
                return "This code has expired. Send a new code.";
            case "one_time_code_previously_used":
                return "This code was already used.";
            default:
                return "That code is not right. Try again.";
        }
    }

    /** Shows the page of the next step, or redirects back with the authorization code when none is left. */
    private ApiResponse proceed(ApiRequest request, SecondSteps.Next next) {
        if (next instanceof SecondSteps.VerifyEmail verify) {
            return emailPage(request, verify.pendingToken(), verify.user(), null, null, 200);
        }
        if (next instanceof SecondSteps.EnrollMfa enroll) {
            SecondSteps.Enrollment enrollment = steps.enroll(enroll.user(), null, null, null);
            return totpPage(request, "mfa_enrollment", enroll.pendingToken(), enrollment.factor(),
                    enrollment.challenge().id(), null, 200);
        }
        if (next instanceof SecondSteps.ChallengeMfa challenge) {
            Factors.Factor factor = challenge.factors().get(0);
            return totpPage(request, "mfa_challenge", challenge.pendingToken(), factor,
                    steps.challenge(factor).id(), null, 200);
        }
        String browser = state.grants.openBrowserSession(next.user().id);
        return redirectWithCode(request, next.user(), browser)
                .header("Set-Cookie", BROWSER_COOKIE + "=" + browser + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private ApiResponse redirectWithCode(ApiRequest request, Directory.User user, String browser) {
        String code = state.grants.issueCode(user.id, request.param("organization_id"), request.param("redirect_uri"),
                request.param("code_challenge"), browser);
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
                html.append(hidden(name, request.param(name)));
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

    private ApiResponse emailPage(ApiRequest request, String pending, Directory.User user, String error,
            String notice, int status) {
        StringBuilder html = stepForm(request, "email-verification", "email_verification", pending, null, error);
        if (notice != null) {
            html.append("<p role=\"status\" class=\"notice\">").append(escape(notice)).append("</p>\n");
        }
        html.append("<p>Enter the code we sent to <strong id=\"email\">").append(escape(user.email))
                .append("</strong>.</p>\n");
        html.append(codeField());
        html.append("<button type=\"submit\" id=\"verify\">Verify</button>\n");
        html.append("<button type=\"submit\" id=\"resend\" name=\"resend\" value=\"1\" formnovalidate>"
                + "Send a new code</button>\n</form>\n");
        return ApiResponse.html(status, page("Verify your email", html.toString()));
    }

    private ApiResponse totpPage(ApiRequest request, String step, String pending, Factors.Factor factor,
            String challengeId, String error, int status) {
        boolean enrolling = "mfa_enrollment".equals(step);
        StringBuilder html = stepForm(request, enrolling ? "mfa-enrollment" : "mfa-challenge", step, pending,
                challengeId, error);
        if (enrolling) {
            html.append("<p>Add this account to your authenticator app, then enter the code it shows.</p>\n")
                    .append("<p><img id=\"totp-qr\" alt=\"QR code (placeholder)\" src=\"")
                    .append(MfaApi.QR_PLACEHOLDER).append("\"></p>\n")
                    .append("<p>Secret: <code id=\"totp-secret\">").append(escape(factor.secret))
                    .append("</code></p>\n<p>URI: <code id=\"totp-uri\">").append(escape(MfaApi.uri(factor)))
                    .append("</code></p>\n");
        } else {
            html.append("<p>Enter the code from your authenticator app.</p>\n");
        }
        html.append(codeField());
        html.append("<button type=\"submit\" id=\"verify\">Verify</button>\n</form>\n");
        return ApiResponse.html(status, page(enrolling ? "Set up two-step verification" : "Two-step verification",
                html.toString()));
    }

    /** The form of a second step: the carried authorize parameters, the step, its pending token and the error. */
    private static StringBuilder stepForm(ApiRequest request, String id, String step, String pending,
            String challengeId, String error) {
        StringBuilder html = new StringBuilder();
        html.append("<form id=\"").append(id).append("\" method=\"post\" action=\"/user_management/authorize\">\n");
        for (String name : CARRIED) {
            if (request.param(name) != null) {
                html.append(hidden(name, request.param(name)));
            }
        }
        html.append(hidden("step", step)).append(hidden("pending_authentication_token", pending));
        if (challengeId != null) {
            html.append(hidden("authentication_challenge_id", challengeId));
        }
        if (error != null) {
            html.append("<p role=\"alert\" class=\"error\">").append(escape(error)).append("</p>\n");
        }
        return html;
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">\n";
    }

    private static String codeField() {
        return "<p><label for=\"code\">Code</label><br><input id=\"code\" name=\"code\" type=\"text\" "
                + "inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" maxlength=\"6\" "
                + "required></p>\n";
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
