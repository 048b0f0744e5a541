package io.tes.keycloak.emulator;

import java.util.List;
import java.util.Map;

/** {@code /user_management/users}: create (sign-up), get one, and list by email. */
final class UsersApi {

    private final EmulatorState state;

    UsersApi(EmulatorState state) {
        this.state = state;
    }

    ApiResponse create(ApiRequest request) {
        String email = request.param("email");
        if (email == null || !email.contains("@")) {
            return validationError("email_invalid", "email", "Enter a valid email address.");
        }
        if (state.directory.userByEmail(email).isPresent()) {
            return validationError("email_not_available", "email", "This email is not available.");
        }
        String password = request.param("password");
        if (password != null && !Directory.strongEnough(password)) {
            return Json.codeError(422, "password_strength_error", "Password does not meet strength requirements.",
                    "errors", List.of(Json.object("code", "password_too_weak", "field", "password",
                            "message", "Use at least 10 characters, including a digit or a symbol.")));
        }
        Directory.User user = state.directory.addUser(new Directory.User(state.directory.nextId("user"),
                email.trim(), password, request.param("first_name"), request.param("last_name"),
                Boolean.parseBoolean(String.valueOf(request.bodyValue("email_verified"))), null, state.clock.now()));
        return ApiResponse.json(201, state.user(user));
    }

    ApiResponse get(ApiRequest request) {
        String id = request.pathParams.get(0);
        return state.directory.user(id).map(user -> ApiResponse.json(200, state.user(user)))
                .orElseGet(() -> EmulatorState.notFound("User", id));
    }

    ApiResponse list(ApiRequest request) {
        List<Object> data = state.directory.userByEmail(request.param("email"))
                .map(user -> List.<Object>of(state.user(user))).orElse(List.of());
        return ApiResponse.json(200, Json.object("object", "list", "data", data,
                "list_metadata", Json.object("before", null, "after", null)));
    }

    private static ApiResponse validationError(String code, String field, String message) {
        Map<String, Object> error = Json.object("code", code, "field", field, "message", message);
        return Json.codeError(422, "user_creation_error", "Could not create user.", "errors", List.of(error));
    }
}
