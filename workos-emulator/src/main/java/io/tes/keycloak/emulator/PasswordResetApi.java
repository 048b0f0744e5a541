package io.tes.keycloak.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /user_management/password_reset} and its {@code /confirm}: WorkOS "sends" the email, which the emulator
 * keeps in its outbox; confirming sets the password, marks the email verified and ends the user's sessions.
 */
final class PasswordResetApi {

    private final EmulatorState state;

    PasswordResetApi(EmulatorState state) {
        this.state = state;
    }

    ApiResponse create(ApiRequest request) {
        String email = request.param("email");
        Optional<Directory.User> user = state.directory.userByEmail(email);
        if (user.isEmpty()) {
            return EmulatorState.notFound("User", String.valueOf(email));
        }
        Grants.PasswordReset reset = state.grants.createReset(state.directory.nextId("password_reset"),
                user.get().id, user.get().email);
        String url = state.passwordResetUrl + (state.passwordResetUrl.contains("?") ? "&" : "?") + "token="
                + URLEncoder.encode(reset.token(), StandardCharsets.UTF_8);
        state.outbox.add(Map.of("kind", "password_reset", "to", reset.email(), "email", reset.email(), "url", url,
                "sent_at", reset.createdAt().toString()));
        return ApiResponse.json(201, Json.object("object", "password_reset", "id", reset.id(),
                "user_id", reset.userId(), "email", reset.email(), "password_reset_token", reset.token(),
                "password_reset_url", url, "expires_at", reset.expiresAt().toString(),
                "created_at", reset.createdAt().toString()));
    }

    ApiResponse confirm(ApiRequest request) {
        String password = request.param("new_password");
        if (!Directory.strongEnough(password)) {
            return Json.codeError(422, "password_strength_error", "Password does not meet strength requirements.");
        }
        Optional<Grants.PasswordReset> reset = state.grants.redeemReset(request.param("token"));
        if (reset.isEmpty()) {
            return Json.codeError(400, "password_reset_token_invalid",
                    "The password reset token is invalid, expired or already used.");
        }
        Directory.User user = state.directory.user(reset.get().userId()).orElseThrow();
        synchronized (state.directory) {
            user.password = password;
            user.emailVerified = true;
            user.updatedAt = state.clock.now();
        }
        state.grants.endSessionsOf(user.id);
        return ApiResponse.json(200, Json.object("user", state.user(user)));
    }
}
